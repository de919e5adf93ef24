using System.ComponentModel.DataAnnotations;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>
/// Which Direct Line the web chat page talks to, and the limits of the local one. Bound from the
/// "DirectLine" section of appsettings.json.
/// </summary>
public sealed class DirectLineOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "DirectLine";

    /// <summary>
    /// Empty (the default): the page uses the Direct Line 3.0 channel built into this host, at
    /// <c>/v3/directline</c>. Set to Azure's Direct Line (for example
    /// <c>https://directline.botframework.com/v3/directline</c>) to use the bot's Azure channel
    /// instead; <see cref="Secret"/> must then be set.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// The Azure Direct Line channel's secret. Only the host uses it, to exchange it for a
    /// per-conversation token (tokens/generate); it never reaches the browser.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a token of the local channel is valid; Web Chat refreshes it every 15 minutes.</summary>
    [Range(60, 24 * 3600)]
    public int TokenLifetimeSeconds { get; set; } = 1800;

    /// <summary>A local conversation nobody has used for this long is forgotten with its activities.</summary>
    [Range(60, 7 * 24 * 3600)]
    public int ConversationIdleSeconds { get; set; } = 3600;

    /// <summary>Most local conversations kept at once; a new one beyond this is refused (HTTP 429) until others expire.</summary>
    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 1000;

    /// <summary>Most activities kept per local conversation; older ones are dropped first.</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>
    /// Most bytes of activities (as JSON) kept per local conversation; older ones are dropped first
    /// (the newest is always kept). With <see cref="MaxConversations"/> it bounds what the channel
    /// holds in all: 1,000 × 128 kB = 125 MB by default, whatever clients send.
    /// </summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxConversationBytes { get; set; } = 128 * 1024;

    /// <summary>
    /// Most bytes of activities one poll returns; a client further behind gets the rest on its next
    /// polls (the watermark says where it is), so no poll, with or without a watermark, costs more.
    /// </summary>
    [Range(4 * 1024, 64 * 1024 * 1024)]
    public int MaxPollBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// A local conversation in which the user has sent nothing this long after it was started is
    /// forgotten when the channel is full and someone needs room (a page opened and left, or
    /// conversations opened only to fill the channel).
    /// </summary>
    [Range(10, 24 * 3600)]
    public int UnusedConversationSeconds { get; set; } = 120;

    /// <summary>Largest activity the local channel accepts from a client, in bytes of JSON (HTTP 413 beyond).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Most new conversations (tokens for new conversations) one client address may ask for per
    /// minute (HTTP 429 beyond), so that one client cannot use up <see cref="MaxConversations"/> alone.
    /// </summary>
    [Range(1, 100_000)]
    public int NewConversationsPerMinutePerClient { get; set; } = 20;

    /// <summary>How often the page asks for new activities (Web Chat polls; no WebSocket on the local channel).</summary>
    [Range(200, 60_000)]
    public int PollingIntervalMilliseconds { get; set; } = 1000;

    /// <summary>True when the page talks to the channel in this host.</summary>
    public bool IsLocal => string.IsNullOrWhiteSpace(Endpoint);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsLocal)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("DirectLine:Endpoint must be an https URL such as https://directline.botframework.com/v3/directline, or empty for the local channel.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Secret))
        {
            yield return new ValidationResult("DirectLine:Secret is required when DirectLine:Endpoint points at Azure's Direct Line.", [nameof(Secret)]);
        }
    }
}
