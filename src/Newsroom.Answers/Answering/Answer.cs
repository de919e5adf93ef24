namespace Newsroom.Answers.Answering;

/// <summary>How a question was answered.</summary>
public enum AnswerStatus
{
    /// <summary>Sentences from the reporting answer it; see <see cref="Answer.Citations"/>.</summary>
    Answered,

    /// <summary>Nothing in the reporting answers it well enough to cite.</summary>
    NotFound,

    /// <summary>The message had no text.</summary>
    EmptyQuestion,

    /// <summary>The message is longer than a question (see <see cref="AnswerOptions.MaxQuestionLength"/>).</summary>
    TooLong,

    /// <summary>The message has no words to search for (only emoji, punctuation or stop words).</summary>
    NothingToSearch,
}

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

/// <summary>How a limited answer was found: <paramref name="Topic"/> asked of <see cref="QuestionAnswerer"/> within <paramref name="Filter"/>.</summary>
/// <param name="Topic">The question without its limits ("deportations"); empty for a list of articles.</param>
/// <param name="Filter">The date range and source the answer is limited to.</param>
public sealed record AnswerScope(string Topic, ArchiveFilter Filter)
{
    /// <summary>What kind of answer it was, so that the next page is the same kind.</summary>
    public ScopeKind Kind { get; init; } = ScopeKind.Limited;
}

/// <summary>What a scoped answer lists.</summary>
public enum ScopeKind
{
    /// <summary>The best sentences on the topic within the limit; the next page is the next best sentences.</summary>
    Limited,

    /// <summary>The newest articles (their lead sentences); the next page is the next older ones.</summary>
    Articles,

    /// <summary>The newest articles on the topic, each with its best sentence on it; the next page is the next older ones.</summary>
    Latest,
}

/// <summary>A stretch of a sentence: the words that matched the question.</summary>
public readonly record struct TextSpan(int Start, int Length);

/// <summary>One cited sentence, with everything needed to find and check it in the article.</summary>
/// <param name="Number">1 for the best sentence, 2 for the next…</param>
/// <param name="ArticleKey">The article's key (its path in the corpus).</param>
/// <param name="Title">Headline.</param>
/// <param name="Author">Byline, if known.</param>
/// <param name="Source">Publication, if known.</param>
/// <param name="Published">Publication date, if known.</param>
/// <param name="Url">Link to the article, if known.</param>
/// <param name="Paragraph">Paragraph number in the article, from 1.</param>
/// <param name="Sentence">Sentence number in that paragraph, from 1.</param>
/// <param name="Text">The sentence exactly as indexed.</param>
/// <param name="Highlights">Where the question's words are in <paramref name="Text"/>.</param>
/// <param name="IsCaption">True when the sentence is from a photo caption.</param>
/// <param name="Credit">The photo credit, for captions.</param>
/// <param name="Confidence">Weighted share of the question's terms the sentence contains (0–1).</param>
public sealed record Citation(
    int Number,
    string ArticleKey,
    string Title,
    string? Author,
    string? Source,
    DateTimeOffset? Published,
    string? Url,
    int Paragraph,
    int Sentence,
    string Text,
    IReadOnlyList<TextSpan> Highlights,
    bool IsCaption,
    string? Credit,
    double Confidence)
{
    /// <summary>Where <see cref="Text"/> starts in its paragraph's text (characters from 0): lets a reader or a test check the citation against the paragraph.</summary>
    public int Offset { get; init; }

    /// <summary>The sentence's id in the index ("key#paragraph.sentence"): what a conversation remembers as shown.</summary>
    public string SentenceId => Indexing.SentenceFields.SentenceId(ArticleKey, Paragraph, Sentence);
}
