using Microsoft.Bot.Schema;
using System.Text.RegularExpressions;

namespace Newsroom.Bot.Channels.Teams;

/// <summary>
/// The question in a message, without the @mention that Teams requires in channels and group
/// chats ("&lt;at&gt;Newsroom&lt;/at&gt; Who was deported?"): the bot's own mention is removed,
/// anyone else's is kept as their plain name, since a name can be part of the question.
/// </summary>
internal static partial class MentionText
{
    /// <summary>The message text as the asker meant it, trimmed. The activity is left as it is.</summary>
    public static string Question(IMessageActivity activity)
    {
        if (string.IsNullOrEmpty(activity.Text))
        {
            return string.Empty;
        }

        var text = activity.Text;
        if (activity.Recipient?.Id is { Length: > 0 } botId)
        {
            // The mention entity says which <at>…</at> is the bot: its display name can be whatever the team renamed it to.
            // (Not the SDK's RemoveRecipientMention: it throws on a mention entity that lacks "mentioned".)
            foreach (var mention in activity.GetMentions().Where(m => m.Mentioned?.Id == botId && !string.IsNullOrEmpty(m.Text)))
            {
                text = text.Replace(mention.Text, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        if (activity.Recipient?.Name is { Length: > 0 } botName)
        {
            // Clients that send the <at> tag without an entity (or an entity that spells it differently).
            text = text.Replace($"<at>{botName}</at>", " ", StringComparison.OrdinalIgnoreCase);
        }

        text = AtTag().Replace(text, "$1");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<at(?:\s[^>]*)?>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();

    // \s also covers the non-breaking space a client may put after a mention.
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
