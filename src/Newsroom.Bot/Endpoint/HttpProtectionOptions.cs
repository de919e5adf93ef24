using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Newsroom.Bot.Endpoint;

/// <summary>Limits that keep one client from hurting the others. Bound from the "Http" section of appsettings.json.</summary>
public sealed class HttpProtectionOptions : IValidatableObject
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

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed: IP
    /// addresses or networks in CIDR form ("10.0.0.5", "10.0.0.0/24"). A proxy on this machine
    /// (127.0.0.0/8, ::1) is always believed. Requests from a listed proxy are rate-limited by the
    /// client address it forwards, so the users behind one proxy do not share one limit; the header
    /// from anyone else is ignored, so a client cannot choose its own address.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"Http:KnownProxies: '{proxy}' is neither an IP address nor a network in CIDR form (10.0.0.0/24)", [nameof(KnownProxies)]);
            }
        }
    }
}
