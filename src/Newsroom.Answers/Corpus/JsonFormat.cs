using System.Text.Json;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// A JSON export: one article object, an array of them, or an object wrapping the array
/// (<c>{"articles": […]}</c> / <c>{"items": […]}</c>). Read with System.Text.Json (in the
/// framework). In a collection every item is its own article, keyed "file.json#n" (n from 0);
/// an item that is not an article is skipped with the rest of the file still read.
/// </summary>
internal sealed class JsonFormat : IArticleFormat
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".json"];

    /// <inheritdoc />
    public Article Read(string key, string text) => ReadAll(key, text)[0];

    /// <inheritdoc />
    public IReadOnlyList<Article> ReadAll(string key, string text)
    {
        using var document = Parse(text);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && Wrapped(root) is null)
        {
            return [JsonArticleReader.Read(key, root)];
        }

        var items = root.ValueKind == JsonValueKind.Array ? root : Wrapped(root)!.Value;
        return ReadItems(key, items.EnumerateArray().Select((item, i) => (i, item)));
    }

    /// <summary>Reads numbered items, skipping those that are not articles; rejects the file only when none is.</summary>
    internal static IReadOnlyList<Article> ReadItems(string key, IEnumerable<(int Number, JsonElement Item)> items)
    {
        var articles = new List<Article>();
        string? firstProblem = null;
        foreach (var (number, item) in items)
        {
            try
            {
                articles.Add(JsonArticleReader.Read($"{key}#{number}", item));
            }
            catch (ArticleRejectedException e)
            {
                firstProblem ??= $"item {number}: {e.Message}";
            }
        }

        return articles.Count > 0
            ? articles
            : throw new ArticleRejectedException(firstProblem is null ? "the file holds no articles" : $"no readable article ({firstProblem})");
    }

    private static JsonElement? Wrapped(JsonElement root)
    {
        foreach (var name in (string[])["articles", "items", "stories", "data"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
            {
                return value;
            }
        }

        return null;
    }

    private static JsonDocument Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, JsonArticleReader.Options);
        }
        catch (JsonException e)
        {
            // A half-written file lands here too; it is read again when it changes.
            throw new ArticleRejectedException($"not valid JSON (line {e.LineNumber + 1}: {FirstSentence(e.Message)})");
        }
    }

    internal static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');
}
