using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Schema;
using System.Security.Claims;

namespace Newsroom.Bot.Endpoint;

/// <summary>
/// The SDK's Bot Framework authentication, with one difference: a token that cannot be checked is
/// refused with 401, never a 500. To check a token's signature the SDK fetches the Bot Framework's
/// signing keys (OpenID metadata) on first use; when that fails (no network, an outage) it throws
/// something other than <see cref="UnauthorizedAccessException"/>, which the adapter answers with
/// 500 and, in Development, a stack trace with the request's headers. Forged, expired and unsigned
/// tokens therefore get 401 whatever the metadata endpoint does. After a failed fetch, requests are
/// refused at once for <see cref="RetryAfter"/> instead of each one trying the fetch again, so a
/// flood of forged tokens during an outage costs nothing but the 401s.
/// </summary>
internal sealed class GuardedAuthentication(BotFrameworkAuthentication inner, TimeProvider time, ILogger<GuardedAuthentication> logger) : BotFrameworkAuthentication
{
    /// <summary>How long after a failed key fetch requests are refused without trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    private long _refuseUntilTicks;

    /// <inheritdoc />
    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Guard(() => inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    /// <inheritdoc />
    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Guard(() => inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    /// <inheritdoc />
    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        Guard(() => inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken));

    /// <inheritdoc />
    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    /// <inheritdoc />
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    /// <inheritdoc />
    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    /// <inheritdoc />
    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    private async Task<T> Guard<T>(Func<Task<T>> authenticate)
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _refuseUntilTicks))
        {
            throw new UnauthorizedAccessException("The Bot Framework's signing keys could not be fetched a moment ago; the request's token cannot be checked.");
        }

        try
        {
            return await authenticate();
        }
        catch (Exception failure) when (failure is not (UnauthorizedAccessException or OperationCanceledException))
        {
            var until = time.GetUtcNow().Add(RetryAfter);
            if (Interlocked.Exchange(ref _refuseUntilTicks, until.UtcTicks) < time.GetUtcNow().UtcTicks)
            {
                // Once per outage window, not once per request: a flood of tokens must not flood the log.
                logger.LogWarning(
                    "A Bot Framework token could not be checked ({Reason}): the signing keys could not be fetched. Requests with a token are refused with 401 until {Until:O}, then the fetch is tried again",
                    failure.GetBaseException().Message,
                    until);
            }

            throw new UnauthorizedAccessException("The request's token could not be checked: the Bot Framework's signing keys could not be fetched.", failure);
        }
    }
}
