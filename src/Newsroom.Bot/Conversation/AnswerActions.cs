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
/// "More" and "Context" are imBack buttons: they post the very words a user could type, so the
/// bot handles one path and the transcript reads naturally. Thumbs are messageBack buttons whose
/// value names the answer, so a vote on an older answer is recorded against the right question.
/// In Teams the native feedback loop (<see cref="TeamsFeedbackLoop"/>) replaces the thumb buttons.
/// </summary>
public sealed class AnswerActions
{
    /// <summary>The value field that marks a card button's message as ours.</summary>
    public const string ActionKey = "newsroomAction";

    /// <summary>The <see cref="ActionKey"/> of thumb buttons.</summary>
    public const string FeedbackAction = "feedback";

    /// <summary>Adds the buttons (and, in Teams, the feedback loop) to <paramref name="reply"/>, the reply on <paramref name="channelId"/> carrying <paramref name="answer"/>.</summary>
    public void Attach(IMessageActivity reply, Answer answer, string answerId, string? channelId)
    {
        var first = answer.Citations[0];
        var buttons = new List<CardAction>
        {
            new(ActionTypes.ImBack, "More", value: "more"),
            new(ActionTypes.ImBack, "Context", value: $"context {first.Number}"),
        };
        // The article of the best quote, the one "Context" shows too; a link to another quote's
        // article under the same label would send the reader to the wrong story.
        if (ReplyRenderer.SafeUrl(first.Url) is { } url)
        {
            buttons.Add(new CardAction(ActionTypes.OpenUrl, "Open article", value: url));
        }

        if (channelId == ChannelIds.Msteams)
        {
            TeamsFeedbackLoop.Enable(reply);
        }
        else
        {
            buttons.Add(Thumb("👍", "like", answerId));
            buttons.Add(Thumb("👎", "dislike", answerId));
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

    private static CardAction Thumb(string emoji, string reaction, string answerId) => new(ActionTypes.MessageBack, emoji)
    {
        Text = emoji,
        DisplayText = emoji,
        Value = new JObject { [ActionKey] = FeedbackAction, ["reaction"] = reaction, ["answer"] = answerId },
    };
}
