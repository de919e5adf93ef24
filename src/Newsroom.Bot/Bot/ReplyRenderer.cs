using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newsroom.Answers.Answering;
using System.Globalization;
using System.Text;

namespace Newsroom.Bot.Bot;

/// <summary>
/// Renders answers as Markdown messages that read the same in Teams, Web Chat and the Emulator:
/// each cited sentence quoted in full with the question's words in bold, then where it is from
/// (headline, byline, source, date, paragraph and sentence, link).
/// </summary>
public sealed class ReplyRenderer
{
    /// <summary>The reply to an answer.</summary>
    public IMessageActivity Render(Answer answer, string exampleQuestion, int maxQuestionLength)
    {
        var text = answer.Status switch
        {
            AnswerStatus.Answered => Citations(answer.Citations),
            AnswerStatus.NotFound => "I couldn't find that in the reporting. I only answer with sentences from our articles, and none of them says this clearly enough to quote. Try other words, or type **help**.",
            AnswerStatus.EmptyQuestion => $"Ask me a question about our reporting, for example: *{Escape(exampleQuestion)}*",
            AnswerStatus.TooLong => $"That message is {answer.Question.Length:N0} characters long. Please ask one question at a time, in under {maxQuestionLength:N0} characters.",
            AnswerStatus.NothingToSearch => $"I couldn't find any words to look up in that. Ask me in words, for example: *{Escape(exampleQuestion)}*",
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.Status, "Unknown answer status"),
        };
        var reply = MessageFactory.Text(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        return reply;
    }

    private static string Citations(IReadOnlyList<Citation> citations)
    {
        var text = new StringBuilder(citations.Count == 1 ? "Here is what the reporting says:\n\n" : "Here is what the reporting says, best match first:\n\n");
        foreach (var citation in citations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{citation.Number}. “{Emphasise(citation.Text, citation.Highlights)}”");
            text.Append("\n   — ").Append(Source(citation)).Append("\n\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>"*Headline*, by Byline, Source, 6 May 2025 · paragraph 13, sentence 1 · [Open article](url)"</summary>
    public static string Source(Citation citation)
    {
        var parts = new List<string> { citation.Url is null ? $"*{Escape(citation.Title)}*" : $"[{Escape(citation.Title)}]({citation.Url})" };
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

    /// <summary>Escapes Markdown so that article text is shown as text and can never become markup or links.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '(' or ')' or '!')
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return escaped.ToString();
    }
}
