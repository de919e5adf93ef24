using Microsoft.Bot.Schema;
using Newsroom.Answers.Answering;
using Newsroom.Bot.Conversation;
using Newtonsoft.Json.Linq;

namespace Newsroom.Bot.Tests;

/// <summary>How cited answers are rendered for Web Chat, Teams and channels that know no citations.</summary>
public sealed class ReplyRendererCitationTests
{
    private static readonly ReplyRenderer Renderer = new();

    [Fact]
    public void Web_chat_gets_a_marker_a_reference_definition_and_a_claim_for_each_quote()
    {
        var answer = Answered(Cite(1, "Port strike ends", "https://example.com/port"), Cite(2, "Council votes", url: null));

        var reply = Renderer.Render(answer, "?", 1000, "directline");

        Assert.Contains("” [1]  \n", reply.Text);
        Assert.Contains("” [2]  \n", reply.Text);
        Assert.Contains("[1]: https://example.com/port \"Port strike ends\"", reply.Text);
        Assert.Contains("[2]: cite:2 \"Council votes\"", reply.Text);
        var claims = Claims(reply);
        Assert.Equal([1, 2], claims.Select(c => (int)c["position"]!));
        Assert.Equal("https://example.com/port", (string?)claims[0]["appearance"]!["url"]);
        Assert.Null(claims[1]["appearance"]!["url"]);
        Assert.Equal("Council votes", (string?)claims[1]["appearance"]!["name"]);
        // Web Chat shows this in its citation dialog, as Markdown: the quote and where it is.
        Assert.Contains("paragraph 2, sentence 1", (string?)claims[1]["appearance"]!["text"]);
        Assert.Equal("text/markdown", (string?)claims[1]["appearance"]!["encodingFormat"]);
    }

    [Fact]
    public void The_message_entity_is_the_schema_org_message_web_chat_and_teams_read()
    {
        var entity = Assert.Single(Renderer.Render(Answered(Cite(1, "Port strike ends")), "?", 1000, "webchat").Entities);
        var json = JObject.FromObject(entity);

        Assert.Equal("https://schema.org/Message", (string?)json["type"]);
        Assert.Equal("Message", (string?)json["@type"]);
        Assert.Equal("https://schema.org", (string?)json["@context"]);
        Assert.Equal(string.Empty, (string?)json["@id"]);
        Assert.Equal("Claim", (string?)json["citation"]![0]!["@type"]);
        Assert.Equal("DigitalDocument", (string?)json["citation"]![0]!["appearance"]!["@type"]);
        // Every sentence is quoted, none generated: no AI label.
        Assert.DoesNotContain("AIGeneratedContent", json.ToString());
    }

    [Fact]
    public void Citations_stay_within_teams_limits()
    {
        var longTitle = string.Join(' ', Enumerable.Repeat("Harbour authority announces", 8));
        var longSentence = string.Join(' ', Enumerable.Repeat("The strike ended after the authority agreed to hire more pilots.", 5));
        var citations = Enumerable.Range(1, 25).Select(n => Cite(n, longTitle, text: longSentence)).ToArray();

        var reply = Renderer.Render(Answered(citations), "?", 1000, "msteams");

        var claims = Claims(reply);
        Assert.Equal(ReplyRenderer.MaxCitationEntities, claims.Count);
        Assert.All(claims, claim =>
        {
            Assert.InRange(((string)claim["appearance"]!["name"]!).Length, 1, ReplyRenderer.MaxCitationNameLength);
            Assert.InRange(((string)claim["appearance"]!["abstract"]!).Length, 1, ReplyRenderer.MaxCitationAbstractLength);
            Assert.EndsWith("…", (string)claim["appearance"]!["abstract"]!);
        });
        // Teams reads appearance.text as a stringified Adaptive Card; the Markdown quote is for Web Chat only.
        Assert.All(claims, claim => Assert.Null(claim["appearance"]!["text"]));
        // Every marker has its claim: quotes past the 20th have none.
        Assert.Contains("[20]", reply.Text);
        Assert.DoesNotContain("[21]", reply.Text);
        Assert.DoesNotContain("[1]:", reply.Text);
    }

    [Fact]
    public void Channels_without_citation_support_get_quotes_and_source_lines_without_markers()
    {
        var reply = Renderer.Render(Answered(Cite(1, "Port strike ends", "https://example.com/port")), "?", 1000, "emulator");

        Assert.DoesNotContain("[1]", reply.Text);
        Assert.Contains("— [Port strike ends](https://example.com/port), by Jane Doe", reply.Text);
        Assert.True(reply.Entities is null or { Count: 0 });
    }

    [Fact]
    public void An_article_cannot_inject_markup_through_its_title_link_or_text()
    {
        var citation = Cite(1, "Evil\" [x](javascript:alert(1)) <b>", "javascript:alert(1)", text: "See [here](http://evil.example) <img src=x onerror=alert(1)>");

        var reply = Renderer.Render(Answered(citation), "?", 1000, "directline");

        // Brackets, parentheses and angle brackets from the article arrive escaped: text, never a link or a tag.
        Assert.DoesNotContain("](", reply.Text);
        Assert.Contains("\\[here\\]\\(http\\://evil\\.example\\)", reply.Text);
        Assert.Contains("\\<img", reply.Text);
        Assert.DoesNotContain("javascript:alert(1)", reply.Text);
        Assert.Contains("[1]: cite:1 \"Evil\\\" \\[x\\]\\(", reply.Text);
        Assert.Null(Claims(reply)[0]["appearance"]!["url"]);
        Assert.Contains("\\<img", (string)Claims(reply)[0]["appearance"]!["text"]!);
    }

    [Fact]
    public void A_link_is_encoded_so_it_cannot_end_the_markdown_around_it()
    {
        Assert.Equal("https://example.com/a%20b%28c%29%22", ReplyRenderer.SafeUrl("https://example.com/a b(c)\""));
        Assert.Null(ReplyRenderer.SafeUrl("data:text/html,hi"));
        Assert.Null(ReplyRenderer.SafeUrl("/relative"));
    }

    [Fact]
    public void Shortening_cuts_at_a_word_and_marks_the_cut()
    {
        Assert.Equal("Harbor pilots…", ReplyRenderer.Shorten("Harbor pilots end strike", 16));
        Assert.Equal("Short", ReplyRenderer.Shorten("Short", 16));
    }

    private static Answer Answered(params Citation[] citations) => new("q", AnswerStatus.Answered, citations);

    private static Citation Cite(int number, string title, string? url = null, string text = "The strike ended on Tuesday.") =>
        new(number, $"a{number}.md", title, "Jane Doe", null, null, url, 2, 1, text, [], false, null, 0.9);

    private static List<JToken> Claims(IMessageActivity reply) => JObject.FromObject(Assert.Single(reply.Entities))["citation"]!.ToList();
}
