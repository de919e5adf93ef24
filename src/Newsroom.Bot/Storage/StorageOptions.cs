using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Storage;

/// <summary>Where conversation state is kept. Bound from the "Storage" section of appsettings.json.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary>
    /// A StackExchange.Redis connection string ("localhost:6379"): when set, conversation state is
    /// kept in Redis and shared by every instance of the bot; when empty, in this process's memory.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// In Redis, a conversation's state is forgotten this many hours after its last turn (0: never).
    /// What it holds (the last question, the sentences cited) is only useful for follow-ups, and
    /// without an expiry every conversation ever held would stay in Redis for good.
    /// </summary>
    [Range(0, 24 * 365)]
    public int ExpiryHours { get; set; } = 168;
}
