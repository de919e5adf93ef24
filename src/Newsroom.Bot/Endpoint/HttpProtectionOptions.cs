using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Endpoint;

/// <summary>Limits that keep one client from hurting the others. Bound from the "Http" section of appsettings.json.</summary>
public sealed class HttpProtectionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Http";

    /// <summary>
    /// Largest request body accepted by the bot's endpoints (413 above it). An activity carrying a
    /// 100,000-character question is about 100 kB of JSON; nothing a channel sends is larger.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Requests one client address may make to the web-chat channel per <see cref="WebChatWindowSeconds"/> (429 above it).</summary>
    [Range(1, 1_000_000)]
    public int WebChatPermitLimit { get; set; } = 600;

    /// <summary>The rate limit's window.</summary>
    [Range(1, 3600)]
    public int WebChatWindowSeconds { get; set; } = 60;
}
