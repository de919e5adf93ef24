using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>
/// Issues and checks the local channel's tokens. A token is the grant signed with HMAC-SHA256 under
/// a key made at start-up, so it cannot be forged or widened to another conversation, needs no
/// table (nothing to grow or clean up), and dies with the process, as the in-memory conversations do.
/// Signed here rather than with ASP.NET Data Protection so that expiry follows the injected
/// <see cref="TimeProvider"/> and can be tested.
/// </summary>
public sealed class DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>How long a new token lasts.</summary>
    public TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.TokenLifetimeSeconds);

    /// <summary>A token for a new conversation, not yet started.</summary>
    public (string Token, DirectLineGrant Grant) ForNewConversation(string? userId = null) =>
        Issue(NewId(), string.IsNullOrWhiteSpace(userId) ? "dl_" + NewId() : userId);

    /// <summary>A fresh token for the same conversation and user.</summary>
    public (string Token, DirectLineGrant Grant) Refresh(DirectLineGrant grant) => Issue(grant.ConversationId, grant.UserId);

    /// <summary>The grant in a bearer token, or null if it is missing, forged or expired.</summary>
    public DirectLineGrant? Check(string? authorization)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[bearer.Length..].Trim();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 1024)
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = WebEncoders.Base64UrlDecode(token[..dot]);
            signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[2], out var expiresSeconds))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresSeconds);
        return expires > time.GetUtcNow() ? new DirectLineGrant(parts[0], parts[1], expires) : null;
    }

    private (string Token, DirectLineGrant Grant) Issue(string conversationId, string userId)
    {
        var expires = time.GetUtcNow().Add(Lifetime);
        // Newlines cannot occur in either id (see Check's split): ids are ours or checked by IsSafeId.
        var payload = Encoding.UTF8.GetBytes($"{conversationId}\n{userId}\n{expires.ToUnixTimeSeconds()}");
        var token = WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, payload));
        return (token, new DirectLineGrant(conversationId, userId, expires));
    }

    /// <summary>True for ids a client may choose (a user id in tokens/generate): short, no control characters.</summary>
    public static bool IsSafeId(string id) => id.Length is > 0 and <= 128 && !id.Any(char.IsControl);

    private static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
}
