using Microsoft.Bot.Schema;
using Newsroom.Bot.Conversation;
using Newtonsoft.Json.Linq;

namespace Newsroom.Bot.Channels.Teams;

/// <summary>
/// Teams' own feedback on answers, which replaces the thumb buttons there: a reply whose
/// channelData sets feedbackLoopEnabled gets Teams' thumbs and comment form, and a vote comes back
/// as the "message/submitAction" invoke.
/// </summary>
internal static class TeamsFeedbackLoop
{
    /// <summary>The invoke's actionName for a vote.</summary>
    private const string FeedbackAction = "feedback";

    /// <summary>Turns Teams' feedback loop on for <paramref name="reply"/>.</summary>
    public static void Enable(IMessageActivity reply)
    {
        // Keep whatever channelData others put there (citations, AI labels): only add the flag.
        var channelData = reply.ChannelData as JObject ?? (reply.ChannelData is null ? [] : JObject.FromObject(reply.ChannelData));
        channelData["feedbackLoopEnabled"] = true;
        reply.ChannelData = channelData;
    }

    /// <summary>
    /// The vote in Teams' feedback-loop invoke ("message/submitAction", actionName "feedback",
    /// actionValue {reaction, feedback}); feedback is a JSON string like {"feedbackText":"…"}.
    /// Null when the invoke is something else or malformed.
    /// </summary>
    public static Vote? ReadInvoke(IInvokeActivity activity)
    {
        if (activity.Name != "message/submitAction")
        {
            return null;
        }

        var json = AnswerActions.AsObject(activity.Value);
        if (json is null || (string?)json["actionName"] != FeedbackAction || json["actionValue"] is not JObject action)
        {
            return null;
        }

        return action["reaction"] is JValue { Value: "like" or "dislike" } reaction
            ? new Vote((string)reaction!, null, Comment(action["feedback"]))
            : null;
    }

    private static string? Comment(JToken? feedback)
    {
        var text = feedback?.Type == JTokenType.String ? (string?)feedback : feedback?.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            if (JToken.Parse(text) is not JObject parsed)
            {
                return text.Trim();
            }

            var said = ((string?)parsed["feedbackText"])?.Trim();
            return string.IsNullOrEmpty(said) ? null : said;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return text.Trim(); // a client that sends the comment as plain text
        }
    }
}
