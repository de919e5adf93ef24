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
    /// A conversation's state is forgotten this many hours after its last turn (0: never), in Redis
    /// and in memory alike. What it holds (the last question, the sentences cited) is only useful
    /// for follow-ups, and without an expiry every conversation ever held would be kept for good.
    /// </summary>
    [Range(0, 24 * 365)]
    public int ExpiryHours { get; set; } = 168;

    /// <summary>
    /// Without Redis: the most memory conversation state may take in this process, in bytes of
    /// JSON (64 MB by default, tens of thousands of conversations). When more is needed the
    /// conversations used least recently are forgotten first: their follow-ups ("more", "context")
    /// start afresh.
    /// </summary>
    [Range(1024 * 1024, 16L * 1024 * 1024 * 1024)]
    public long MemoryBytes { get; set; } = 64L * 1024 * 1024;
}
