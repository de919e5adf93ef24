using System.Text;
using System.Text.Json;

namespace Newsroom.Bot.Endpoint;

/// <summary>
/// The least an activity must have before the Bot Framework adapter sees it: a JSON object with a
/// type, a conversation id and an absolute http(s) serviceUrl (the Bot Framework Activity schema
/// requires all three). The adapter itself refuses unparsable JSON with 400, but an activity that
/// parses and lacks these fails deep inside the SDK with a 500; this turns those into a 400 that
/// says what is missing.
/// </summary>
internal static class ActivityShape
{
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 64 };

    /// <summary>An endpoint filter that answers 400 for a malformed activity and passes a well-formed one on, body rewound.</summary>
    public static async ValueTask<object?> RejectMalformed(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        request.EnableBuffering();
        string? problem;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Parsing, context.HttpContext.RequestAborted);
            problem = Problem(document.RootElement);
        }
        catch (JsonException)
        {
            problem = "the body is not valid JSON";
        }
        catch (DecoderFallbackException)
        {
            problem = "the body is not UTF-8";
        }

        if (problem is not null)
        {
            return Results.Text($"Malformed activity: {problem}.", statusCode: StatusCodes.Status400BadRequest);
        }

        request.Body.Position = 0;
        return await next(context);
    }

    /// <summary>What is wrong with <paramref name="activity"/>, or null when it has the required shape.</summary>
    public static string? Problem(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return "it is not a JSON object";
        }

        if (!activity.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
        {
            return "'type' must be a non-empty string";
        }

        if (!activity.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object ||
            !conversation.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
        {
            return "'conversation.id' must be a non-empty string";
        }

        if (!activity.TryGetProperty("serviceUrl", out var serviceUrl) || serviceUrl.ValueKind != JsonValueKind.String ||
            !Uri.TryCreate(serviceUrl.GetString(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "'serviceUrl' must be an absolute http(s) URL";
        }

        foreach (var account in new[] { "from", "recipient" })
        {
            if (activity.TryGetProperty(account, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return $"'{account}' must be an object";
            }
        }

        if (activity.TryGetProperty("text", out var text) && text.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return "'text' must be a string";
        }

        return null;
    }
}
