using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newsroom.Bot.Endpoint;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line channel built into the host: it turns what Web Chat posts into turns of the one
/// bot, through the one adapter, and keeps what both sides said for Web Chat to poll.
/// </summary>
/// <remarks>
/// Design: each activity goes to <see cref="AdapterWithErrorHandler.ProcessTrustedActivityAsync"/>
/// with <c>deliveryMode: expectReplies</c>, so the adapter hands the bot's replies back when the
/// turn ends instead of POSTing them to a serviceUrl. The alternative, serving a
/// /v3/conversations endpoint and letting the connector client POST replies to ourselves, needs the
/// host to know an address it can reach itself on (not true behind proxies or in-memory test
/// servers), adds an HTTP hop and a second authentication question per reply, and gains nothing:
/// the bot answers within its turn. The cost: a bot that sent messages later, outside a turn
/// (proactive messages), could not reach the local channel; this bot never does.
/// </remarks>
public sealed class LocalDirectLine(
    AdapterWithErrorHandler adapter,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<LocalDirectLine> logger)
{
    /// <summary>The channel id the bot sees, as with Azure's Direct Line.</summary>
    public const string ChannelId = "directline";

    /// <summary>The activity types a client may post; anything else is refused (invokes would need an answer Web Chat never waits for).</summary>
    private static readonly HashSet<string> PostableTypes = new(StringComparer.Ordinal) { ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing };

    private ChannelAccount Bot => new(string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]) ? "newsroom-bot" : configuration["MicrosoftAppId"], "Newsroom bot", RoleTypes.Bot);

    /// <summary>Whether a posted activity is one the channel passes on.</summary>
    public static bool IsPostable(Activity activity) => activity.Type is not null && PostableTypes.Contains(activity.Type);

    /// <summary>
    /// Tells the bot the conversation has begun (bot and user added), as Azure's Direct Line does,
    /// so the welcome is the first thing in it.
    /// </summary>
    public async Task StartAsync(LocalConversation conversation, IBot bot, string serviceUrl, CancellationToken cancellationToken)
    {
        var update = new Activity(ActivityTypes.ConversationUpdate)
        {
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount(id: conversation.Id),
            From = new ChannelAccount(conversation.UserId, role: RoleTypes.User),
            Recipient = Bot,
            MembersAdded = [Bot, new ChannelAccount(conversation.UserId, role: RoleTypes.User)],
        };
        update.Id = Guid.NewGuid().ToString("N");
        update.Timestamp = time.GetUtcNow();
        logger.LogInformation("Local Direct Line conversation {ConversationId} started", conversation.Id);
        await RunTurnAsync(conversation, update, bot, repliesTo: null, cancellationToken);
    }

    /// <summary>
    /// Adds the user's activity to the conversation (with its id and the client's
    /// channelData.clientActivityID, which Web Chat needs to see its message was delivered), runs the
    /// bot's turn and adds the replies. Returns the activity's id.
    /// </summary>
    public async Task<string> PostAsync(LocalConversation conversation, Activity activity, IBot bot, string serviceUrl, CancellationToken cancellationToken)
    {
        // The channel, not the client, says who is speaking where: a token speaks for its own user in its own conversation.
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.From = new ChannelAccount(conversation.UserId, activity.From?.Name, RoleTypes.User);
        activity.Recipient = Bot;
        activity.DeliveryMode = null;
        activity.CallerId = null;
        var id = conversation.Append(activity, time.GetUtcNow());

        await RunTurnAsync(conversation, activity, bot, repliesTo: id, cancellationToken);
        return id;
    }

    /// <param name="repliesTo">
    /// The id of the stored activity the replies answer; null when the turn's activity is not in the
    /// stream (the conversation update), since Web Chat holds back a reply whose replyToId it has not seen.
    /// </param>
    private async Task RunTurnAsync(LocalConversation conversation, Activity activity, IBot bot, string? repliesTo, CancellationToken cancellationToken)
    {
        // The stored copy stays as the client will see it; the bot gets its own with expectReplies.
        var turn = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity))!;
        turn.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await adapter.ProcessTrustedActivityAsync(Identity(), AuthenticationConstants.ToChannelFromBotOAuthScope, turn, bot.OnTurnAsync, cancellationToken);
        if (response?.Body is not ExpectedReplies { Activities: { } replies })
        {
            return;
        }

        foreach (var reply in replies)
        {
            reply.ChannelId = ChannelId;
            reply.Conversation = new ConversationAccount(id: conversation.Id);
            reply.From ??= Bot;
            reply.ReplyToId = repliesTo;
            reply.DeliveryMode = null;
            conversation.Append(reply, time.GetUtcNow());
        }
    }

    /// <summary>
    /// Who the adapter is told the activity comes from: the bot's own app id as audience, as for a
    /// message the Bot Framework service has authenticated for this bot (anonymous when the bot has
    /// no app id, as in Emulator mode). Replies never leave the process, so no credential is used.
    /// </summary>
    private ClaimsIdentity Identity()
    {
        var appId = configuration["MicrosoftAppId"];
        return string.IsNullOrWhiteSpace(appId)
            ? new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType)
            : new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, appId), new Claim(AuthenticationConstants.AppIdClaim, appId)], "LocalDirectLine");
    }
}
