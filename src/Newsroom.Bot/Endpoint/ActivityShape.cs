using System.Text;
using System.Text.Json;

namespace Newsroom.Bot.Endpoint;

/// <summary>
/// The least an activity must have before the Bot Framework adapter sees it: a JSON object with a
/// type, a conversation id and an absolute http(s) serviceUrl (the Bot Framework Activity schema
/// requires all three). The adapter itself refuses unparsable JSON with 400, but an activity that
/// parses and lacks these fails deep inside the SDK with a 500; this turns those into a 400 that
/// says what is missing.
/// The SDK reads activities with Newtonsoft.Json, which matches property names case-insensitively
/// and lets the last of two equal names win; the checks here read with System.Text.Json, which is
/// case-sensitive. So an activity with two names that differ only in case ("serviceUrl" and
/// "ServiceUrl") would be checked on one value and acted on with the other: it is refused, and the
/// checks look properties up case-insensitively, as the SDK will.
/// </summary>
internal static class ActivityShape
{
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 64 };

    /// <summary>
    /// An endpoint filter that answers 415 for a body that is not declared JSON, 400 for a malformed
    /// activity, and passes a well-formed one on, body rewound. Requiring the JSON content type also
    /// keeps web pages from posting activities across origins without a CORS preflight
    /// (a "simple" request can only be text/plain, form data or multipart).
    /// </summary>
    public static async ValueTask<object?> RejectMalformed(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!request.HasJsonContentType())
        {
            return Results.Text("Unsupported media type: send the activity as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

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

        if (RepeatedName(activity) is { } repeated)
        {
            return $"the property '{repeated}' appears more than once (names that differ only in case count as the same)";
        }

        if (!TryGetProperty(activity, "type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
        {
            return "'type' must be a non-empty string";
        }

        if (!TryGetProperty(activity, "conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object ||
            !TryGetProperty(conversation, "id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
        {
            return "'conversation.id' must be a non-empty string";
        }

        if (!TryGetProperty(activity, "serviceUrl", out var serviceUrl) || serviceUrl.ValueKind != JsonValueKind.String ||
            !Uri.TryCreate(serviceUrl.GetString(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "'serviceUrl' must be an absolute http(s) URL";
        }

        foreach (var account in new[] { "from", "recipient" })
        {
            if (TryGetProperty(activity, account, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return $"'{account}' must be an object";
            }
        }

        if (TryGetProperty(activity, "text", out var text) && text.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return "'text' must be a string";
        }

        return null;
    }

    /// <summary>
    /// The property <paramref name="name"/> of <paramref name="element"/> found as the SDK's
    /// Newtonsoft.Json finds it: whatever its case (an activity with two names differing only in
    /// case has been refused before this is asked).
    /// </summary>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The first property name that appears twice in one object anywhere in <paramref name="element"/> (ignoring case), or null.</summary>
    private static string? RepeatedName(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        return property.Name;
                    }

                    if (RepeatedName(property.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (RepeatedName(item) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
