using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>
/// The web chat page (wwwroot: Bot Framework Web Chat from npm, our script and styles) and the one
/// endpoint it calls first, POST /webchat/token, which says which Direct Line to talk to and gives a
/// token for a new conversation: from the local channel, or exchanged with Azure's Direct Line for
/// the configured secret, which so never reaches the browser.
/// </summary>
public static class WebChatPage
{
    /// <summary>
    /// Serves wwwroot from the build output (where WebChat.targets puts the npm bundles beside the
    /// page) with a strict Content-Security-Policy, and maps POST /webchat/token.
    /// </summary>
    public static WebApplication MapWebChatPage(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(webRoot))
        {
            app.Logger.LogWarning("No web chat page: {Folder} is missing from the build output", webRoot);
            return app;
        }

        var files = new PhysicalFileProvider(webRoot);
        var policy = ContentSecurityPolicy(options);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // The page and script change with the build; the browser must not keep an old pair.
                headers.CacheControl = "no-cache";
            },
        });

        app.MapPost("/webchat/token", IssueToken).RequireRateLimiting(DirectLineEndpoints.NewConversationLimit);
        return app;
    }

    /// <summary>
    /// No inline script and no eval: scripts come only from this origin. Styles allow inline because
    /// Web Chat styles itself at run time by adding style elements and attributes (emotion); a page
    /// that cannot run script of an attacker's cannot abuse that. Images from data:/blob: are Web
    /// Chat's own icons. Connections go to this origin, or to Azure's Direct Line when configured.
    /// </summary>
    internal static string ContentSecurityPolicy(DirectLineOptions options)
    {
        var connect = "'self'";
        if (!options.IsLocal && Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint))
        {
            connect += $" {endpoint.GetLeftPart(UriPartial.Authority)} wss://{endpoint.Authority}";
        }

        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
               $"font-src 'self' data:; media-src 'self' data: blob:; connect-src {connect}; " +
               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";
    }

    private static async Task<IResult> IssueToken(
        HttpRequest request, IOptions<DirectLineOptions> options, DirectLineTokens tokens, IHttpClientFactory clients, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsLocal)
        {
            var (token, grant) = tokens.ForNewConversation();
            return Results.Json(new WebChatConnection($"{request.PathBase}/v3/directline", token, grant.ConversationId, grant.UserId, WebSocket: false, settings.PollingIntervalMilliseconds));
        }

        var logger = loggers.CreateLogger(typeof(WebChatPage));
        var userId = "dl_" + Guid.NewGuid().ToString("N");
        try
        {
            using var exchange = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint!.TrimEnd('/') + "/tokens/generate")
            {
                Content = JsonContent.Create(new { user = new { id = userId } }),
            };
            exchange.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);
            using var response = await clients.CreateClient(nameof(WebChatPage)).SendAsync(exchange, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("Direct Line at {Endpoint} refused a token: HTTP {Status}", settings.Endpoint, (int)response.StatusCode);
                return Unavailable();
            }

            var issued = await response.Content.ReadFromJsonAsync<IssuedToken>(cancellationToken);
            return issued?.Token is { Length: > 0 } token
                ? Results.Json(new WebChatConnection(settings.Endpoint!.TrimEnd('/'), token, issued.ConversationId, userId, WebSocket: true, settings.PollingIntervalMilliseconds))
                : Unavailable();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogError(exception, "Could not get a token from Direct Line at {Endpoint}", settings.Endpoint);
            return Unavailable();
        }
    }

    private static IResult Unavailable() =>
        Results.Json(new { error = new { code = "ServiceUnavailable", message = "The chat service is not reachable right now. Please try again in a moment." } }, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>What the page needs to connect Web Chat.</summary>
    private sealed record WebChatConnection(string Domain, string Token, string? ConversationId, string UserId, bool WebSocket, int PollingInterval);

    private sealed record IssuedToken(string? Token, string? ConversationId);
}
