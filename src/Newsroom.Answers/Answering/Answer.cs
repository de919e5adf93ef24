namespace Newsroom.Answers.Answering;

/// <summary>The answer to one question: cited sentences, best first, or a status saying why there are none.</summary>
public sealed record Answer(string Question, AnswerStatus Status, IReadOnlyList<Citation> Citations)
{
    /// <summary>
    /// What the citations are, when they are not the usual best matches: "I have 12 articles from
    /// May 2025; the 10 most recent:" for a question about the archive itself.
    /// </summary>
    public string? Heading { get; init; }

    /// <summary>
    /// When the question was limited to some articles ("what did we report in May 2025 about
    /// deportations?") or was about the archive ("latest on Libya", "what articles do you have?"):
    /// what was asked and the limit, so that the next page ("more") is asked the same way, within
    /// the same articles. Null for an ordinary answer.
    /// </summary>
    public AnswerScope? Scope { get; init; }

    /// <summary>An answer with no citations.</summary>
    public static Answer Without(string question, AnswerStatus status) => new(question, status, []);
}
