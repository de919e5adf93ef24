namespace Newsroom.Answers.Answering;

/// <summary>What kind of thing a question asks for, read from its question words.</summary>
internal enum AnswerKind
{
    /// <summary>No cue ("What did the report say about…", yes/no questions).</summary>
    Unknown,

    /// <summary>"When…", "What year…": a date, a year, a month, a century.</summary>
    Time,

    /// <summary>"How many…", "How much…", "What percentage…": a number.</summary>
    Quantity,

    /// <summary>"Who…", "Whose…", "Where…", "Which city…": a name, written with a capital.</summary>
    Name,
}
