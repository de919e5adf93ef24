using Microsoft.Bot.Schema;
using Newsroom.Answers.Answering;
using Newsroom.Bot.Channels.Teams;
using Newtonsoft.Json.Linq;
using ChannelIds = Microsoft.Bot.Connector.Channels;

namespace Newsroom.Bot.Conversation;

/// <summary>
/// The buttons under an answer, and reading back what they send.
/// Buttons go in a HeroCard attachment because that is what renders everywhere: Teams ignores
/// suggestedActions in most chats, while card buttons work in Teams, Web Chat and the Emulator.
/// Every button is a messageBack button whose value names the answer it is
/// under (and "Show paragraph" the quote), so pressing one under an older answer acts on that answer, not
/// on the latest. Its text is the words a user could type ("more", "context 1"), which the
/// transcript shows and a channel that drops the value still delivers (they then act on the latest answer).
/// In Teams the native feedback loop (<see cref="TeamsFeedbackLoop"/>) replaces the thumb buttons.
/// </summary>
public sealed class AnswerActions
{
    /// <summary>The value field that marks a card button's message as ours.</summary>
    public const string ActionKey = "newsroomAction";

    /// <summary>The <see cref="ActionKey"/> of thumb buttons.</summary>
    public const string FeedbackAction = "feedback";

    /// <summary>The <see cref="ActionKey"/> of the "More" button.</summary>
    public const string MoreAction = "more";

    /// <summary>The <see cref="ActionKey"/> of the "Context" button.</summary>
    public const string ContextAction = "context";

    /// <summary>Title of the button that shows the next best quotes.</summary>
    public const string MoreTitle = "More like this";

    /// <summary>Title of the button that shows the paragraph around the best quote.</summary>
    public const string ContextTitle = "Show paragraph";

    /// <summary>Title of the thumbs-up button (its accessible name: a screen reader reads the title).</summary>
    public const string HelpfulTitle = "Helpful";

    /// <summary>Title of the thumbs-down button.</summary>
    public const string NotHelpfulTitle = "Not helpful";

    /// <summary>
    /// Adds the buttons (and, in Teams, the feedback loop) to <paramref name="reply"/>, the reply on
    /// <paramref name="channelId"/> carrying <paramref name="answer"/>. The card is kept to what fits
    /// a phone: Web Chat stacks card buttons one per row, so there is no "Open article" (each quote's
    /// headline already links its article), and a <paramref name="continuation"/> ("more") carries
    /// only "More like this" instead of repeating the rows of the answer it continues.
    /// </summary>
    public void Attach(IMessageActivity reply, Answer answer, string answerId, string? channelId, bool continuation = false)
    {
        var first = answer.Citations[0];
        var buttons = new List<CardAction>
        {
            Button(MoreTitle, "more", new JObject { [ActionKey] = MoreAction, ["answer"] = answerId }),
        };
        if (!continuation)
        {
            buttons.Add(Button(ContextTitle, $"context {first.Number}", new JObject { [ActionKey] = ContextAction, ["answer"] = answerId, ["citation"] = first.Number }));
        }

        if (channelId == ChannelIds.Msteams)
        {
            TeamsFeedbackLoop.Enable(reply);
        }
        else if (!continuation)
        {
            buttons.Add(Thumb(HelpfulTitle, "👍", "like", answerId));
            buttons.Add(Thumb(NotHelpfulTitle, "👎", "dislike", answerId));
        }

        reply.Attachments ??= [];
        reply.Attachments.Add(new HeroCard(buttons: buttons).ToAttachment());
    }

    /// <summary>The vote a card button sent as the message's value, or null when the value is not a vote.</summary>
    public static Vote? ReadCardVote(object? value)
    {
        var json = AsObject(value);
        if (json is null || (string?)json[ActionKey] != FeedbackAction)
        {
            return null;
        }

        return json["reaction"] is JValue { Value: "like" or "dislike" } reaction && json["answer"] is null or JValue
            ? new Vote((string)reaction!, (string?)json["answer"], null)
            : null;
    }

    /// <summary>What a "More" or "Context" button sent as the message's value, or null when the value is not one.</summary>
    public static CardRequest? ReadCardRequest(object? value)
    {
        var json = AsObject(value);
        if (json is null || json["answer"] is not JValue { Type: JTokenType.String } answer)
        {
            return null;
        }

        switch ((json[ActionKey] as JValue)?.Value as string)
        {
            case MoreAction:
                return new CardRequest(FollowUpKind.More, (string)answer!, null);
            case ContextAction when json["citation"] is JValue { Type: JTokenType.Integer } number && (long)number! is > 0 and < 1000:
                return new CardRequest(FollowUpKind.Context, (string)answer!, (int)number);
            default:
                return null;
        }
    }

    /// <summary>
    /// A JSON object from an activity's value, or null for anything else: the value comes from
    /// the client as any JSON (an array, a string, a number) and must never make the turn fail.
    /// </summary>
    internal static JObject? AsObject(object? value) => value switch
    {
        null or string => null,
        JObject json => json,
        JToken => null,
        _ => JToken.FromObject(value) as JObject,
    };

    private static CardAction Button(string title, string text, JObject value) => new(ActionTypes.MessageBack, title)
    {
        Text = text,
        DisplayText = text,
        Value = value,
    };

    private static CardAction Thumb(string title, string emoji, string reaction, string answerId) => new(ActionTypes.MessageBack, title)
    {
        Text = emoji,
        DisplayText = emoji,
        Value = new JObject { [ActionKey] = FeedbackAction, ["reaction"] = reaction, ["answer"] = answerId },
    };
}
