using Newsroom.Answers.Answering;
using Newsroom.Bot.Conversation;

namespace Newsroom.Bot.Tests;

public sealed class ReplyRendererTests
{
    [Fact]
    public void Article_text_cannot_become_markup_or_a_link()
    {
        var rendered = ReplyRenderer.Emphasise("Click [here](http://evil.example) or <script>alert(1)</script> *now*", []);

        Assert.DoesNotContain("](", rendered.Replace("\\](", string.Empty, StringComparison.Ordinal));
        Assert.Contains("\\[here\\]\\(http\\://evil\\.example\\)", rendered);
        Assert.Contains("\\<script\\>", rendered);
        Assert.Contains("\\*now\\*", rendered);
    }

    [Fact]
    public void Neighbouring_matched_words_are_bold_together()
    {
        const string sentence = "U.S. officials have sought deals.";

        var rendered = ReplyRenderer.Emphasise(sentence, [new TextSpan(0, 4), new TextSpan(5, 9), new TextSpan(27, 5)]);

        Assert.Equal("**U.S. officials** have sought **deals**.", rendered);
    }

    [Fact]
    public void The_source_line_links_the_headline_when_the_article_has_a_url()
    {
        var citation = new Citation(1, "a.md", "Port strike ends", "Jane Doe", "Harbor Gazette", new DateTimeOffset(2025, 5, 6, 0, 0, 0, TimeSpan.Zero),
            "https://example.com/port", 2, 1, "The strike ended.", [], false, null, 0.8);

        var source = ReplyRenderer.Source(citation);

        Assert.Equal("[Port strike ends](https://example.com/port), by Jane Doe, Harbor Gazette, 6 May 2025 · paragraph 2, sentence 1", source);
    }
}
