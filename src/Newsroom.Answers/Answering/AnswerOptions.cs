using System.ComponentModel.DataAnnotations;

namespace Newsroom.Answers.Answering;

/// <summary>How questions are answered. Bound from the "Answers" section of appsettings.json.</summary>
public sealed class AnswerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Answers";

    /// <summary>Most cited sentences in one answer.</summary>
    [Range(1, 20)]
    public int MaxCitations { get; set; } = 3;

    /// <summary>
    /// Share of the question's weighted terms (0–1) a sentence must contain to be cited. Below it,
    /// the bot says it couldn't find the answer rather than cite a sentence that merely mentions
    /// one of the question's words.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>How many BM25 hits are re-ranked for each question.</summary>
    [Range(1, 1000)]
    public int Candidates { get; set; } = 30;

    /// <summary>Longer messages are refused politely instead of searched: a question is a sentence or two.</summary>
    [Range(10, 100_000)]
    public int MaxQuestionLength { get; set; } = 1000;

    /// <summary>
    /// Groups of words and phrases that mean the same in the reporting, one group per entry, comma
    /// separated ("U.S., United States, US"). A question word matches a sentence using any word of its group.
    /// </summary>
    public List<string> Synonyms { get; set; } = [];
}
