using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.TraceExtensions;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using System.Security.Claims;

namespace Newsroom.Bot.Endpoint;

/// <summary>
/// The Bot Framework adapter for every channel, with the one error boundary of the bot layer:
/// a failure while answering is logged with its exception and the user gets a polite message,
/// never a stack trace. (A subclass also gives dependency injection the single constructor that
/// <see cref="CloudAdapter"/>'s several constructors make ambiguous.)
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    private readonly BotFrameworkAuthentication _auth;

    /// <summary>Creates the adapter.</summary>
    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger)
        : base(auth, logger)
    {
        _auth = auth;
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Unhandled error in a {ActivityType} turn of conversation {ConversationId}",
                turnContext.Activity.Type, turnContext.Activity.Conversation?.Id);
            try
            {
                await turnContext.SendActivityAsync("Sorry, something went wrong on my side while answering that. Please try again in a moment.");
                // Shows the exception in the Bot Framework Emulator's inspector only (trace activities are not shown to users).
                await turnContext.TraceActivityAsync("OnTurnError", exception.GetType().Name, "https://www.botframework.com/schemas/error", "TurnError");
            }
            catch (Exception sendFailure)
            {
                logger.LogError(sendFailure, "Could not tell the user about the error");
            }
        };
    }

    /// <summary>
    /// Runs a turn for an activity from a channel inside this process (the local Direct Line), which
    /// has already checked its caller: the activity takes the same path through this adapter, its
    /// middleware and <see cref="BotAdapter.OnTurnError"/> as one POSTed to /api/messages, minus the
    /// HTTP authentication step that only applies to requests from outside.
    /// </summary>
    public Task<InvokeResponse> ProcessTrustedActivityAsync(ClaimsIdentity identity, string audience, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(
            new AuthenticateRequestResult { ClaimsIdentity = identity, Audience = audience, ConnectorFactory = _auth.CreateConnectorFactory(identity) },
            activity,
            callback,
            cancellationToken);
}
