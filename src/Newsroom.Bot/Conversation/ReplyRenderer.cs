using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newsroom.Answers.Answering;
using Newtonsoft.Json.Linq;
using System.Globalization;
using System.Text;
using ChannelIds = Microsoft.Bot.Connector.Channels;

namespace Newsroom.Bot.Conversation;

/// <summary>
/// Renders answers as Markdown messages that read the same in Teams, Web Chat and the Emulator:
/// each cited sentence quoted in full with the question's words in bold, then where it is from
/// (headline, byline, source, date, paragraph and sentence, link).
/// </summary>
/// <remarks>
/// Citations are also given the way Web Chat (4.16 and later) and Teams render them: a <c>[n]</c>
/// marker after each quote and a schema.org Message entity whose Claims carry the headline, an
/// excerpt and the link; Web Chat also needs the Markdown reference definitions
/// (<c>[n]: url "Headline"</c>, or <c>cite:n</c> for an article without a link). Channels that
/// know none of this (the Emulator's older Web Chat, plain-text channels) get the quotes and their
/// source lines only, without markers that would show as stray "[1]"s, and without the entity. No AIGeneratedContent label:
/// every sentence is quoted from the reporting, not generated.
/// </remarks>
public sealed class ReplyRenderer
{
    /// <summary>Teams shows at most this many citations in a message.</summary>
    public const int MaxCitationEntities = 20;

    /// <summary>Teams' limit on a citation's name (appearance.name).</summary>
    public const int MaxCitationNameLength = 80;

    /// <summary>Teams' limit on a citation's excerpt (appearance.abstract).</summary>
    public const int MaxCitationAbstractLength = 160;

    /// <summary>The reply to an answer, for the channel the question came from.</summary>
    public IMessageActivity Render(Answer answer, string exampleQuestion, int maxQuestionLength, string? channelId = null)
    {
        var style = StyleFor(channelId);
        var text = answer.Status switch
        {
            AnswerStatus.Answered => Citations(answer.Citations, style, answer.Heading),
            AnswerStatus.NotFound when answer.Heading is not null => $"{Escape(answer.Heading)} Try other words or dates, or type **help**.",
            AnswerStatus.NotFound => "I couldn't find that in the reporting. I only answer with sentences from our articles, and none of them says this clearly enough to quote. Try other words, or type **help**.",
            AnswerStatus.EmptyQuestion => $"Ask me a question about our reporting, for example: *{Escape(exampleQuestion)}*",
            AnswerStatus.TooLong => $"That message is {answer.Question.Length:N0} characters long. Please ask one question at a time, in under {maxQuestionLength:N0} characters.",
            AnswerStatus.NothingToSearch => $"I couldn't find any words to look up in that. Ask me in words, for example: *{Escape(exampleQuestion)}*",
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.Status, "Unknown answer status"),
        };
        var reply = MessageFactory.Text(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        // Only where the text has the [n] markers: every Claim has its marker and every marker its Claim.
        if (answer.Status == AnswerStatus.Answered && answer.Citations.Count > 0 && style != CitationStyle.SourceLinesOnly)
        {
            reply.Entities = [MessageEntity(answer.Citations, withText: style != CitationStyle.Markers)];
        }

        return reply;
    }

    /// <summary>
    /// The schema.org Message entity with one Claim per citation (the first <see cref="MaxCitationEntities"/>),
    /// its position the number of the quote and its <c>[n]</c> marker.
    /// </summary>
    /// <param name="citations">The answer's citations.</param>
    /// <param name="withText">
    /// Whether each Claim carries the quote and its source as Markdown (appearance.text), which Web
    /// Chat shows in its citation dialog. Not for Teams, which reads that field as a stringified
    /// Adaptive Card: there the name, excerpt and link say enough, and the message text keeps the
    /// source line.
    /// </param>
    public static Entity MessageEntity(IReadOnlyList<Citation> citations, bool withText = true)
    {
        var claims = new JArray();
        foreach (var citation in citations.Take(MaxCitationEntities))
        {
            var appearance = new JObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = Shorten(citation.Title, MaxCitationNameLength),
                ["abstract"] = Shorten(citation.Text, MaxCitationAbstractLength),
            };
            if (SafeUrl(citation.Url) is { } url)
            {
                appearance["url"] = url;
            }

            if (withText)
            {
                // Web Chat shows this as Markdown in its citation dialog: escaped like every other article text.
                appearance["text"] = Escape(citation.Text) + "\n\n— " + Source(citation);
                appearance["encodingFormat"] = "text/markdown";
            }

            claims.Add(new JObject { ["@type"] = "Claim", ["position"] = citation.Number, ["appearance"] = appearance });
        }

        var entity = new Entity("https://schema.org/Message");
        entity.Properties["@type"] = "Message";
        entity.Properties["@context"] = "https://schema.org";
        entity.Properties["@id"] = string.Empty;
        entity.Properties["citation"] = claims;
        return entity;
    }

    private static CitationStyle StyleFor(string? channelId) => channelId switch
    {
        ChannelIds.Directline or ChannelIds.Webchat => CitationStyle.MarkersAndDefinitions,
        ChannelIds.Msteams => CitationStyle.Markers,
        _ => CitationStyle.SourceLinesOnly,
    };

    private static string Citations(IReadOnlyList<Citation> citations, CitationStyle style, string? heading)
    {
        var text = new StringBuilder(heading is not null ? Escape(heading) + "\n\n" : citations.Count == 1 ? "Here is what the reporting says:\n\n" : "Here is what the reporting says, best match first:\n\n");
        foreach (var citation in citations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{citation.Number}. “{Emphasise(citation.Text, citation.Highlights)}”");
            if (style != CitationStyle.SourceLinesOnly && HasMarker(citation))
            {
                text.Append(CultureInfo.InvariantCulture, $" [{citation.Number}]");
            }

            // Two spaces: a hard line break, so the source sits under its quote rather than running on after it.
            text.Append("  \n   — ").Append(Source(citation)).Append("\n\n");
        }

        if (style == CitationStyle.MarkersAndDefinitions)
        {
            foreach (var citation in citations.Where(HasMarker))
            {
                text.Append(CultureInfo.InvariantCulture, $"[{citation.Number}]: {SafeUrl(citation.Url) ?? $"cite:{citation.Number}"} \"{EscapeTitle(citation.Title)}\"\n");
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Only the citations the entity describes get a marker, so every marker has its Claim.</summary>
    private static bool HasMarker(Citation citation) => citation.Number is >= 1 and <= MaxCitationEntities;

    /// <summary>"*Headline*, by Byline, Source, 6 May 2025 · paragraph 13, sentence 1 · [Open article](url)"</summary>
    public static string Source(Citation citation)
    {
        var parts = new List<string> { SafeUrl(citation.Url) is { } url ? $"[{Escape(citation.Title)}]({url})" : $"*{Escape(citation.Title)}*" };
        if (citation.Author is not null)
        {
            parts.Add($"by {Escape(citation.Author)}");
        }

        if (citation.Source is not null)
        {
            parts.Add(Escape(citation.Source));
        }

        if (citation.Published is { } published)
        {
            parts.Add(published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        }

        var where = citation.IsCaption
            ? $"photo caption (paragraph {citation.Paragraph}){(citation.Credit is null ? string.Empty : $", photo: {Escape(citation.Credit)}")}"
            : $"paragraph {citation.Paragraph}, sentence {citation.Sentence}";
        return string.Join(", ", parts) + " · " + where;
    }

    /// <summary>The sentence, escaped, with each run of matched words in bold.</summary>
    public static string Emphasise(string sentence, IReadOnlyList<TextSpan> highlights)
    {
        var text = new StringBuilder();
        var position = 0;
        foreach (var (start, end) in MergeAdjacent(sentence, highlights))
        {
            text.Append(Escape(sentence[position..start])).Append("**").Append(Escape(sentence[start..end])).Append("**");
            position = end;
        }

        return text.Append(Escape(sentence[position..])).ToString();
    }

    /// <summary>Joins spans separated only by spaces, so "U.S. officials" is one bold run, not two.</summary>
    private static IEnumerable<(int Start, int End)> MergeAdjacent(string sentence, IReadOnlyList<TextSpan> highlights)
    {
        (int Start, int End)? current = null;
        foreach (var span in highlights.Where(s => s.Length > 0 && s.Start >= 0 && s.Start + s.Length <= sentence.Length).OrderBy(s => s.Start))
        {
            var (start, end) = (span.Start, span.Start + span.Length);
            if (current is { } c && (start <= c.End || string.IsNullOrWhiteSpace(sentence[c.End..start])))
            {
                current = (c.Start, Math.Max(c.End, end));
                continue;
            }

            if (current is { } done)
            {
                yield return done;
            }

            current = (start, end);
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    /// <summary>
    /// Escapes Markdown so that article text is shown as text and can never become markup or links.
    /// Every character that CommonMark or a common extension gives a meaning is backslash-escaped
    /// (CommonMark shows any escaped ASCII punctuation as itself): emphasis, code, links and images,
    /// HTML, headings, tables, strikethrough, <c>{.attributes}</c> (which some renderers remove
    /// from the text), <c>$maths$</c>, and <c>&amp;</c>, so "&amp;amp;" in an article is not read as an entity.
    /// Web addresses are defused too: chat renderers turn bare addresses into links (Web Chat's
    /// markdown-it "linkify": <c>https://…</c>, <c>www.…</c>, <c>name.tld</c>, <c>a@b.tld</c>), and
    /// an article must not add links to a reply. So a colon before "//", a dot between a letter or
    /// digit and two letters (a domain: "evil.com", not "U.S." or "5 p.m."), and an @ between word
    /// characters are escaped: the text reads the same, and no renderer finds an address in it.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '(' or ')' or '!' or '{' or '}' or '&' or '$'
                || (c == ':' && text.AsSpan(i + 1).StartsWith("//", StringComparison.Ordinal))
                || (c == '@' && i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]))
                || (c == '.' && i > 0 && char.IsLetterOrDigit(text[i - 1]) && i + 2 < text.Length && char.IsAsciiLetter(text[i + 1]) && char.IsAsciiLetter(text[i + 2])))
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// The article's link if it is an absolute http(s) URL, percent-encoded so that no character of it
    /// can end the Markdown link or title around it; null otherwise (javascript:, relative, malformed).
    /// </summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal)
            : null;

    /// <summary>Text for a double-quoted Markdown link title: backslash-escaped punctuation, one line.</summary>
    private static string EscapeTitle(string title) => Escape(title).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>Cuts text to at most <paramref name="max"/> characters at a word boundary, ending in "…".</summary>
    public static string Shorten(string text, int max)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        var space = text.LastIndexOf(' ', cut);
        if (space > max / 2)
        {
            cut = space;
        }

        return text[..cut].TrimEnd(' ', ',', ';', ':') + "…";
    }

    private enum CitationStyle
    {
        /// <summary>Quotes and source lines, nothing that needs citation support.</summary>
        SourceLinesOnly,

        /// <summary>Also [n] markers matching the entity's Claims (Teams renders them from the entity).</summary>
        Markers,

        /// <summary>Also Markdown reference definitions, which Web Chat reads the citations from.</summary>
        MarkersAndDefinitions,
    }
}
