using Microsoft.Extensions.Options;
using Newsroom.Bot.Channels.DirectLine;
using System.Net;
using System.Text.Json;

namespace Newsroom.Bot.Endpoint;

/// <summary>
/// Where the bot may send replies when it runs without a MicrosoftAppId (Emulator mode). Nothing
/// authenticates a request then, and the adapter POSTs the replies to whatever serviceUrl the
/// activity names: left open, anyone who can reach the port could make the bot send requests to
/// any address it can reach (server-side request forgery: a cloud metadata endpoint, an internal
/// service). So only this machine (localhost, 127.0.0.0/8, ::1), where the Emulator runs, and the
/// URLs listed in <c>Bot:AllowedServiceUrls</c> are served. An activity with
/// <c>deliveryMode: expectReplies</c> is always served: its replies go back in the HTTP response
/// (the SDK's TurnContext buffers them) and the serviceUrl is never called.
/// With credentials configured the SDK checks the Bot Framework token, and this does not apply.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 64 };

    private readonly List<Uri> _listed;

    /// <summary>A policy allowing loopback addresses and <paramref name="listed"/> (absolute http(s) URLs; each allows the URLs under it).</summary>
    public ServiceUrlPolicy(IEnumerable<string> listed) =>
        _listed = [.. listed.Select(url => new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute))];

    /// <summary>True when replies may be POSTed to <paramref name="serviceUrl"/>.</summary>
    public bool Allows(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && (IsLoopback(url) || _listed.Any(listed => IsUnder(url, listed)));

    private static bool IsLoopback(Uri url)
    {
        if (url.HostNameType == UriHostNameType.Dns)
        {
            return string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);
        }

        if (!IPAddress.TryParse(url.DnsSafeHost, out var address))
        {
            return false;
        }

        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    private static bool IsUnder(Uri url, Uri listed) =>
        url.Scheme == listed.Scheme
        && string.Equals(url.IdnHost, listed.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == listed.Port
        && (url.AbsolutePath.TrimEnd('/') + "/").StartsWith(listed.AbsolutePath, StringComparison.Ordinal);

    /// <summary>
    /// Endpoint filter for /api/messages (after <see cref="ActivityShape"/>), in Emulator mode: 403
    /// for a reply address this policy does not allow, and for an activity claiming to come from the
    /// built-in Direct Line channel (its conversations are reached only through /v3/directline with
    /// their token; through /api/messages anyone could act in one by naming its id, also after it
    /// has ended).
    /// </summary>
    public static async ValueTask<object?> RefuseUnlisted(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.RequestServices.GetRequiredService<IOptions<BotCredentials>>().Value.IsEmulatorMode)
        {
            return await next(context);
        }

        var request = http.Request;
        request.EnableBuffering();
        string? serviceUrl;
        string? deliveryMode;
        string? channelId;
        using (var document = await JsonDocument.ParseAsync(request.Body, Parsing, http.RequestAborted))
        {
            // ActivityShape has checked that serviceUrl is an absolute http(s) URL.
            ActivityShape.TryGetProperty(document.RootElement, "serviceUrl", out var url);
            serviceUrl = url.GetString();
            deliveryMode = ActivityShape.TryGetProperty(document.RootElement, "deliveryMode", out var mode) && mode.ValueKind == JsonValueKind.String ? mode.GetString() : null;
            channelId = ActivityShape.TryGetProperty(document.RootElement, "channelId", out var channel) && channel.ValueKind == JsonValueKind.String ? channel.GetString() : null;
        }

        request.Body.Position = 0;
        if (string.Equals(channelId, LocalDirectLine.ChannelId, StringComparison.OrdinalIgnoreCase)
            && http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.IsLocal)
        {
            return Results.Text(
                "Forbidden: activities of the built-in web chat channel (channelId \"directline\") come only through /v3/directline with that conversation's token.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        // Compared as the SDK compares it (ordinal): "ExpectReplies" would be POSTed to the serviceUrl.
        if (deliveryMode == Microsoft.Bot.Schema.DeliveryModes.ExpectReplies || http.RequestServices.GetRequiredService<ServiceUrlPolicy>().Allows(serviceUrl))
        {
            return await next(context);
        }

        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Newsroom.Bot").LogWarning(
            "Refused an activity whose replies would go to {ServiceUrl}: with no MicrosoftAppId (Emulator mode) the bot only sends replies to this machine (localhost, 127.0.0.0/8, ::1) " +
            "or to a URL listed in Bot:AllowedServiceUrls",
            new Uri(serviceUrl!).GetLeftPart(UriPartial.Path));
        return Results.Text(
            "Forbidden: this bot runs without a MicrosoftAppId (Emulator mode) and only sends replies to this machine or to a service URL listed in Bot:AllowedServiceUrls. " +
            "Send the activity with \"deliveryMode\": \"expectReplies\" to get the replies in the response instead.",
            statusCode: StatusCodes.Status403Forbidden);
    }
}
