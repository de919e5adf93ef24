using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Newsroom.Bot.Tests;

/// <summary>
/// What Teams documents for a bot message with citations ("Bot messages with AI-generated
/// content", and the Agents SDK's ClientCitation/AIEntity types that mirror it), as a list of
/// rule violations for an activity's JSON. Empty means the message keeps to every rule.
/// </summary>
internal static partial class TeamsMessageShape
{
    public const int MaxCitations = 20;
    public const int MaxNameLength = 80;
    public const int MaxAbstractLength = 160;
    public const int MaxKeywords = 3;
    public const int MaxKeywordLength = 28;

    public static IReadOnlyList<string> Violations(JsonObject activity)
    {
        var problems = new List<string>();
        if (activity["suggestedActions"] is not null)
        {
            problems.Add("suggestedActions: Teams does not show them");
        }

        var messages = (activity["entities"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => (string?)e["type"] == "https://schema.org/Message").ToList();
        var markers = Markers().Matches((string?)activity["text"] ?? string.Empty).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        if (messages.Count == 0)
        {
            if (markers.Count > 0)
            {
                problems.Add("text has [n] markers but no https://schema.org/Message entity cites them");
            }

            return problems;
        }

        if (messages.Count > 1)
        {
            problems.Add("more than one schema.org Message entity");
        }

        var message = messages[0];
        Expect(problems, message, "@type", "Message");
        Expect(problems, message, "@context", "https://schema.org");
        Expect(problems, message, "@id", string.Empty);
        if (message["additionalType"] is JsonArray types && types.Any(t => (string?)t == "AIGeneratedContent"))
        {
            problems.Add("additionalType AIGeneratedContent: quoted sentences are not AI generated");
        }

        var citations = (message["citation"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (citations.Count > MaxCitations)
        {
            problems.Add($"{citations.Count} citations, Teams allows {MaxCitations}");
        }

        var positions = new HashSet<int>();
        foreach (var citation in citations)
        {
            Expect(problems, citation, "@type", "Claim");
            var position = citation["position"] is JsonValue value && value.TryGetValue<int>(out var p) ? p : 0;
            if (position < 1 || !positions.Add(position))
            {
                problems.Add($"citation position {citation["position"]?.ToJsonString()} is not a distinct number from 1");
            }
            else if (!markers.Contains(position))
            {
                problems.Add($"citation {position} has no [{position}] in the text");
            }

            if (citation["appearance"] is not JsonObject appearance)
            {
                problems.Add($"citation {position} has no appearance");
                continue;
            }

            Expect(problems, appearance, "@type", "DigitalDocument");
            var name = (string?)appearance["name"];
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
            {
                problems.Add($"citation {position} name is empty or over {MaxNameLength} characters: {name}");
            }

            var summary = (string?)appearance["abstract"];
            if (string.IsNullOrWhiteSpace(summary) || summary.Length > MaxAbstractLength)
            {
                problems.Add($"citation {position} abstract is empty or over {MaxAbstractLength} characters ({summary?.Length})");
            }

            if (appearance["url"] is { } url && !(Uri.TryCreate((string?)url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                problems.Add($"citation {position} url is not an absolute web address: {url}");
            }

            // Teams reads appearance.text as a stringified Adaptive Card (encodingFormat says so); Markdown there is not its format.
            if (appearance["text"] is { } cardText && ((string?)appearance["encodingFormat"] != "application/vnd.microsoft.card.adaptive" || !IsAdaptiveCard((string?)cardText)))
            {
                problems.Add($"citation {position} text is not a stringified Adaptive Card with encodingFormat application/vnd.microsoft.card.adaptive");
            }

            if (appearance["keywords"] is JsonArray keywords && (keywords.Count > MaxKeywords || keywords.Any(k => ((string?)k)?.Length > MaxKeywordLength)))
            {
                problems.Add($"citation {position} has more than {MaxKeywords} keywords or one over {MaxKeywordLength} characters");
            }
        }

        problems.AddRange(markers.Where(marker => !positions.Contains(marker)).Select(marker => $"[{marker}] in the text has no citation"));
        return problems;
    }

    private static bool IsAdaptiveCard(string? json)
    {
        try
        {
            return JsonNode.Parse(json ?? string.Empty) is JsonObject card && (string?)card["type"] == "AdaptiveCard";
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static void Expect(List<string> problems, JsonObject node, string property, string expected)
    {
        if ((string?)node[property] != expected)
        {
            problems.Add($"{property} is {node[property]?.ToJsonString() ?? "missing"}, expected \"{expected}\"");
        }
    }

    // [1] but not a Markdown link's [text](url) or an escaped \[1\].
    [GeneratedRegex(@"(?<!\\)\[(\d{1,2})\](?!\()")]
    private static partial Regex Markers();
}
