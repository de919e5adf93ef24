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
