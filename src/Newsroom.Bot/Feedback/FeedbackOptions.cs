using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Feedback;

/// <summary>Where votes on answers, and the questions without a confident answer, are kept. Bound from the "Feedback" section of appsettings.json.</summary>
public sealed class FeedbackOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Feedback";

    /// <summary>The JSON Lines file votes are appended to; a relative path is relative to the repository root.</summary>
    [Required]
    public string File { get; set; } = "data/feedback.jsonl";

    /// <summary>Whether the questions the bot had no confident answer for are recorded (their text, time and channel), for the gaps command.</summary>
    public bool RecordUnanswered { get; set; } = true;

    /// <summary>The JSON Lines file unanswered questions are appended to; a relative path is relative to the repository root.</summary>
    [Required]
    public string UnansweredFile { get; set; } = "data/unanswered.jsonl";

    /// <summary>How many days an unanswered question is kept; older ones are deleted from the file.</summary>
    [Range(1, 3650)]
    public int UnansweredRetentionDays { get; set; } = 90;
}
