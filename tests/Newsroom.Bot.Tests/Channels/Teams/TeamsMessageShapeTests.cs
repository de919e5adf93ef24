using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>The Teams shape check itself, so that a passing Teams test means something.</summary>
public sealed class TeamsMessageShapeTests
{
    private static JsonObject Activity(string text, params JsonObject[] citations) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "https://schema.org/Message",
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
            ["citation"] = new JsonArray([.. citations]),
        }),
    };

    private static JsonObject Claim(int position, string name = "Port strike ends", string summary = "The strike ended.", string? url = "https://example.com/port") => new()
    {
        ["@type"] = "Claim",
        ["position"] = position,
        ["appearance"] = new JsonObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = name,
            ["abstract"] = summary,
            ["url"] = url,
        },
    };

    [Fact]
    public void A_message_citing_each_marker_within_the_limits_keeps_to_the_rules()
    {
        Assert.Empty(TeamsMessageShape.Violations(Activity("The strike ended [1]. Work resumes [2].", Claim(1), Claim(2))));
    }

    [Fact]
    public void Names_and_abstracts_over_the_limits_are_reported()
    {
        var problems = TeamsMessageShape.Violations(Activity("Quote [1].", Claim(1, name: new string('n', 81), summary: new string('a', 161))));

        Assert.Contains(problems, p => p.Contains("name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("abstract", StringComparison.Ordinal));
    }

    [Fact]
    public void Markers_and_citations_that_do_not_match_are_reported()
    {
        var problems = TeamsMessageShape.Violations(Activity("Quote [1] and [3].", Claim(1), Claim(2)));

        Assert.Contains("citation 2 has no [2] in the text", problems);
        Assert.Contains("[3] in the text has no citation", problems);
    }

    [Fact]
    public void More_than_twenty_citations_an_AI_label_and_suggested_actions_are_reported()
    {
        var activity = Activity(string.Concat(Enumerable.Range(1, 21).Select(n => $"[{n}] ")), [.. Enumerable.Range(1, 21).Select(n => Claim(n))]);
        activity["entities"]![0]!["additionalType"] = new JsonArray("AIGeneratedContent");
        activity["suggestedActions"] = new JsonObject { ["actions"] = new JsonArray() };

        var problems = TeamsMessageShape.Violations(activity);

        Assert.Contains(problems, p => p.Contains("21 citations", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AIGeneratedContent", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("suggestedActions", StringComparison.Ordinal));
    }

    [Fact]
    public void Citation_text_must_be_an_adaptive_card_for_Teams()
    {
        var markdown = Claim(1);
        markdown["appearance"]!["text"] = "The strike ended.\n\n— *Port strike ends*";
        var card = Claim(1);
        card["appearance"]!["encodingFormat"] = "application/vnd.microsoft.card.adaptive";
        card["appearance"]!["text"] = "{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":[]}";

        Assert.Contains(TeamsMessageShape.Violations(Activity("Quote [1].", markdown)), p => p.Contains("Adaptive Card", StringComparison.Ordinal));
        Assert.Empty(TeamsMessageShape.Violations(Activity("Quote [1].", card)));
    }

    [Fact]
    public void A_markdown_link_is_not_a_citation_marker()
    {
        Assert.Empty(TeamsMessageShape.Violations(new JsonObject { ["type"] = "message", ["text"] = "See [3](https://example.com)." }));
    }
}
