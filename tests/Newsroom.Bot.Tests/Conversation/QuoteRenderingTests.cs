using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Bot.Connector;
using Newsroom.Answers.Answering;
using Newsroom.Bot.Conversation;
using System.Text;
using ChannelIds = Microsoft.Bot.Connector.Channels;

namespace Newsroom.Bot.Tests;

/// <summary>
/// A quote must read as the sentence the article printed, whatever characters it holds, on every
/// channel. Replies are read back with Markdig: CommonMark (what Web Chat's and the Emulator's
/// markdown-it follow) plus the extensions chat renderers add on top of it, including generic
/// attributes (<c>{.class}</c>, which eats braces), strikethrough, pipe tables, footnotes and
/// <c>$maths$</c>, and the autolinks that turn bare web and mail addresses into links.
/// </summary>
public sealed class QuoteRenderingTests
{
    private static readonly MarkdownPipeline ChatRenderer = new MarkdownPipelineBuilder()
        .UseGenericAttributes()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseFootnotes()
        .UseMathematics()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    public static TheoryData<string, string> Sentences()
    {
        string[] sentences =
        [
            "Officials said {the plan} was {{final}} and cost ${cost} more.",
            "The mayor's office{.note} replied{#id} at noon {: class=x}.",
            "Use *stars*, _underscores_, __double__ and **strong** marks.",
            "See [the report](https://evil.example/x) and [1] or [^1] or ![img](http://evil.example/i.png).",
            "A <b>bold</b> claim, <script>alert(1)</script> and <https://evil.example/> too.",
            "AT&amp;T and &lt;tag&gt; and &#123; and &copy; appear as typed.",
            "Prices rose 5% ~~struck~~ | a | b | and `code` and \\backslash\\ here.",
            "Costs were $5 and $10 in 2025 (up 3%), a $ sign alone.",
            "Officials said: 1. first, - second, + third, # fourth, > fifth.",
            "Officials ended* the talks_ at 5 p.m.",
            "Officials posted https://evil.example/x?y=1 and http://10.0.0.1/admin, ftp://files.example/a and mailto:tips@evil.example.",
            "Officials wrote to tips@evil.example or www.evil.example/page, and evil.com, U.S. and 3.5% stay as typed.",
        ];
        var data = new TheoryData<string, string>();
        foreach (var channel in new[] { ChannelIds.Emulator, ChannelIds.Msteams, ChannelIds.Directline, ChannelIds.Webchat })
        {
            foreach (var sentence in sentences)
            {
                data.Add(channel, sentence);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void A_quote_reads_as_the_literal_sentence_with_only_the_matched_word_in_bold(string channelId, string sentence)
    {
        // "Officials", or whichever word the sentence starts with, matched the question.
        var matched = sentence[..sentence.IndexOfAny([' ', ':', '{'])];
        var citation = new Citation(1, "a.md", "Headline", null, null, null, null, 1, 1, sentence, [new TextSpan(0, matched.Length)], false, null, 0.9);
        var reply = new ReplyRenderer().Render(new Answer("question", AnswerStatus.Answered, [citation]), "example", 1000, channelId);
        var quoteLine = reply.Text.Split('\n').Single(line => line.StartsWith("1. “", StringComparison.Ordinal)).TrimEnd();

        var paragraph = Markdown.Parse(quoteLine, ChatRenderer).Descendants<ParagraphBlock>().Single();
        var inlines = paragraph.Inline!.Descendants().ToList();

        var marker = channelId == ChannelIds.Emulator ? string.Empty : " [1]";
        Assert.Equal($"“{sentence}”{marker}", PlainText(paragraph.Inline!));
        Assert.DoesNotContain(inlines, inline => inline is LinkInline or AutolinkInline or HtmlInline or CodeInline);
        Assert.DoesNotContain(inlines.Cast<MarkdownObject>().Append(paragraph), node => node.TryGetAttributes() is { } attributes && (attributes.Classes?.Count > 0 || attributes.Id is not null || attributes.Properties?.Count > 0));
        var bold = Assert.Single(inlines.OfType<EmphasisInline>());
        Assert.Equal(matched, PlainText(bold));
        Assert.Equal(2, bold.DelimiterCount);
    }

    /// <summary>The text a reader sees, markup removed.</summary>
    private static string PlainText(ContainerInline container)
    {
        var text = new StringBuilder();
        foreach (var inline in container)
        {
            text.Append(inline switch
            {
                LiteralInline literal => literal.Content.ToString(),
                HtmlEntityInline entity => entity.Transcoded.ToString(),
                CodeInline code => code.Content,
                LineBreakInline => "\n",
                ContainerInline inner => PlainText(inner),
                _ => $"<{inline.GetType().Name}>",
            });
        }

        return text.ToString();
    }
}
