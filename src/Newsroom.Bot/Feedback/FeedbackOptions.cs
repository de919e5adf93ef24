using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Feedback;

/// <summary>Where votes on answers are kept. Bound from the "Feedback" section of appsettings.json.</summary>
public sealed class FeedbackOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Feedback";

    /// <summary>The JSON Lines file votes are appended to; a relative path is relative to the repository root.</summary>
    [Required]
    public string File { get; set; } = "data/feedback.jsonl";
}
