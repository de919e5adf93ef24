using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.TraceExtensions;
using Microsoft.Bot.Connector.Authentication;

namespace Newsroom.Bot.Bot;

/// <summary>
/// The Bot Framework adapter for every channel, with the one error boundary of the bot layer:
/// a failure while answering is logged with its exception and the user gets a polite message,
/// never a stack trace. (A subclass also gives dependency injection the single constructor that
/// <see cref="CloudAdapter"/>'s several constructors make ambiguous.)
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    /// <summary>Creates the adapter.</summary>
    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger)
        : base(auth, logger)
    {
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
}
