using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;

namespace Newsroom.Bot.Endpoint;

/// <summary>
/// A first look at /api/messages' Authorization header. The SDK answers a missing or wrongly
/// signed token with 401 itself, but a header that is not a JWT at all ("Bearer abc", "Basic …")
/// makes it throw, which would be a 500; such a request is refused here with 401 instead.
/// </summary>
internal static class AuthorizationHeader
{
    /// <summary>Endpoint filter for /api/messages: 401 for an Authorization header that is there but unreadable.</summary>
    public static async ValueTask<object?> RefuseUnreadable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsMalformed(http.Request.Headers.Authorization))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Newsroom.Bot")
                .LogWarning("Refused a request to {Path}: its Authorization header is not a bearer token", http.Request.Path.Value);
            return Results.Unauthorized();
        }

        return await next(context);
    }

    /// <summary>True when a header is present but is not a bearer token that parses as a JWT.</summary>
    public static bool IsMalformed(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is not { Length: > 0 } token)
        {
            return true;
        }

        try
        {
            // Only whether it parses: its signature, issuer and audience are the SDK's to check.
            new JwtSecurityTokenHandler().ReadJwtToken(token);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
