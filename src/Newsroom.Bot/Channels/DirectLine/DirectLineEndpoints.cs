using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using System.Threading.RateLimiting;
using Newtonsoft.Json;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>
/// The local Direct Line 3.0 REST API, as much of it as the stock botframework-directlinejs client
/// uses when polling (<c>webSocket: false</c>): tokens/generate, tokens/refresh, conversations
/// (start and reconnect), activities (post, and get since a watermark). Errors use Direct Line's
/// shape, <c>{"error":{"code","message"}}</c>, and its status codes, which the client acts on:
/// 403 means "token expired or not yours", 404 "conversation ended".
/// </summary>
public static class DirectLineEndpoints
{
    private const string Prefix = "/v3/directline";

    /// <summary>The rate limit on asking for new conversations (see <see cref="DirectLineOptions.NewConversationsPerMinutePerClient"/>).</summary>
    public const string NewConversationLimit = "directline-new-conversation";

    /// <summary>
    /// Limits how many new conversations each client address may ask for per minute, with ASP.NET
    /// Core's rate limiter (fixed one-minute windows, one partition per remote address).
    /// </summary>
    public static IServiceCollection AddNewConversationLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(NewConversationLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.NewConversationsPerMinutePerClient;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });

    /// <summary>Maps the local channel under /v3/directline.</summary>
    public static IEndpointRouteBuilder MapLocalDirectLine(this IEndpointRouteBuilder app)
    {
        var directLine = app.MapGroup(Prefix);
        directLine.MapPost("/tokens/generate", GenerateToken).RequireRateLimiting(NewConversationLimit);
        directLine.MapPost("/tokens/refresh", RefreshToken);
        directLine.MapPost("/conversations", StartConversation);
        directLine.MapGet("/conversations/{conversationId}", Reconnect);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivity);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivities);
        return app;
    }

    /// <summary>
    /// A token for a new conversation. Open to any caller, like the page's own token endpoint: the
    /// local channel has no secret to protect, and what a caller can make is bounded by
    /// DirectLine:MaxConversations.
    /// </summary>
    private static async Task<IResult> GenerateToken(HttpRequest request, DirectLineTokens tokens)
    {
        string? userId = null;
        if (request.ContentLength is > 0)
        {
            var body = await ReadBoundedAsync(request, 4096);
            if (body is null || !TryParse<TokenRequest>(body, out var parsed))
            {
                return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body must be {\"user\":{\"id\":\"…\"}} or empty.");
            }

            userId = parsed?.User?.Id;
            if (userId is not null && !DirectLineTokens.IsSafeId(userId))
            {
                return Error(StatusCodes.Status400BadRequest, "BadArgument", "user.id must be 1 to 128 characters without control characters.");
            }
        }

        var (token, grant) = tokens.ForNewConversation(userId);
        return Results.Json(new { conversationId = grant.ConversationId, token, expires_in = (int)tokens.Lifetime.TotalSeconds });
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineTokens tokens)
    {
        if (tokens.Check(request.Headers.Authorization) is not { } grant)
        {
            return Forbidden();
        }

        var (token, _) = tokens.Refresh(grant);
        return Results.Json(new { conversationId = grant.ConversationId, token, expires_in = (int)tokens.Lifetime.TotalSeconds });
    }

    private static async Task<IResult> StartConversation(
        HttpContext http, DirectLineTokens tokens, LocalConversations conversations, LocalDirectLine channel, IBot bot, TimeProvider time, ILoggerFactory loggers)
    {
        if (tokens.Check(http.Request.Headers.Authorization) is not { } grant)
        {
            return Forbidden();
        }

        var (conversation, created) = conversations.Start(grant);
        if (conversation is null)
        {
            loggers.CreateLogger(typeof(DirectLineEndpoints)).LogWarning("Local Direct Line refused a conversation: {Count} conversations are open", conversations.Count);
            return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many conversations are open right now. Please try again in a few minutes.");
        }

        if (created)
        {
            await channel.StartAsync(conversation, bot, ServiceUrl(http.Request), http.RequestAborted);
        }

        return Results.Json(Conversation(grant, http.Request, time), statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult Reconnect(string conversationId, HttpRequest request, DirectLineTokens tokens, LocalConversations conversations, TimeProvider time)
    {
        if (tokens.Check(request.Headers.Authorization) is not { } grant || grant.ConversationId != conversationId)
        {
            return Forbidden();
        }

        return conversations.Find(conversationId) is null ? NotFound() : Results.Json(Conversation(grant, request, time));
    }

    private static async Task<IResult> PostActivity(
        string conversationId, HttpContext http, DirectLineTokens tokens, LocalConversations conversations, LocalDirectLine channel, IBot bot, IOptions<DirectLineOptions> options)
    {
        if (tokens.Check(http.Request.Headers.Authorization) is not { } grant || grant.ConversationId != conversationId)
        {
            return Forbidden();
        }

        if (conversations.Find(conversationId) is not { } conversation)
        {
            return NotFound();
        }

        var body = await ReadBoundedAsync(http.Request, options.Value.MaxActivityBytes);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", string.Create(CultureInfo.InvariantCulture, $"An activity may be at most {options.Value.MaxActivityBytes} bytes."));
        }

        if (!TryParse<Activity>(body, out var activity) || activity is null || !LocalDirectLine.IsPostable(activity))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body must be a message, event or typing activity in JSON.");
        }

        var id = await channel.PostAsync(conversation, activity, bot, ServiceUrl(http.Request), http.RequestAborted);
        return Results.Json(new { id });
    }

    private static IResult GetActivities(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, LocalConversations conversations)
    {
        if (tokens.Check(request.Headers.Authorization) is not { } grant || grant.ConversationId != conversationId)
        {
            return Forbidden();
        }

        if (conversations.Find(conversationId) is not { } conversation)
        {
            return NotFound();
        }

        // A watermark that is not ours (garbage, or from an older process) means "from the start", as an absent one does.
        long? after = long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        return Results.Content(conversation.ActivitiesAfter(after), "application/json; charset=utf-8");
    }

    private static object Conversation(DirectLineGrant grant, HttpRequest request, TimeProvider time) => new
    {
        conversationId = grant.ConversationId,
        token = request.Headers.Authorization.ToString()["Bearer ".Length..].Trim(),
        expires_in = (int)(grant.Expires - time.GetUtcNow()).TotalSeconds,
    };

    /// <summary>Where the bot's activities say the channel is (informational here: replies come back in the turn).</summary>
    private static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}/";

    /// <summary>The body as text, or null when it is longer than <paramref name="maxBytes"/>, read without ever holding more.</summary>
    private static async Task<string?> ReadBoundedAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
        {
            length += read;
        }

        return length > maxBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static bool TryParse<T>(string json, out T? value)
    {
        try
        {
            // MaxDepth: a small activity can still nest deeply enough to hurt a recursive reader.
            value = JsonConvert.DeserializeObject<T>(json, new JsonSerializerSettings { MaxDepth = 32 });
            return true;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }

    private static IResult Forbidden() => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token is missing, expired, or not for this conversation.");

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "NotFound", "This conversation has ended. Reload the page to start a new one.");

    private static IResult Error(int status, string code, string message) => Results.Json(new { error = new { code, message } }, statusCode: status);

    private sealed record TokenRequest(TokenUser? User);

    private sealed record TokenUser(string? Id, string? Name);
}
