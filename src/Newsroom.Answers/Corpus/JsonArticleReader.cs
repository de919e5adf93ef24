using System.Text.Json;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// Reads one article object as newsroom exports and content APIs write them. Field names vary
/// between systems, so each field accepts its common aliases (first present wins):
/// title/headline/name, author/byline/creator/authors, date/published/datePublished/pubDate,
/// url/link/canonical_url, source/publisher/site_name, body/content/text/articleBody.
/// The body is a string (paragraphs separated by blank lines) or an array of paragraph strings.
/// </summary>
internal static class JsonArticleReader
{
    private static readonly string[] TitleNames = ["title", "headline", "name"];
    private static readonly string[] AuthorNames = ["author", "byline", "creator", "authors", "by"];
    private static readonly string[] DateNames = ["date", "published", "datePublished", "pubDate", "published_at", "publishedAt", "date_published"];
    private static readonly string[] UrlNames = ["url", "link", "canonical_url", "canonicalUrl", "permalink"];
    private static readonly string[] SourceNames = ["source", "publisher", "site_name", "siteName", "publication"];
    private static readonly string[] BodyNames = ["body", "content", "text", "articleBody", "article_body", "story"];

    /// <summary>JSON as exports write it: comments and trailing commas tolerated, nothing else.</summary>
    public static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = InputLimits.MaxJsonDepth };

    /// <summary>The article in <paramref name="item"/>, or the reason it is not one.</summary>
    public static Article Read(string key, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new ArticleRejectedException($"expected an article object with title and body, found a JSON {Describe(item.ValueKind)}");
        }

        var title = ArticleMetadata.Clean(Text(Field(item, TitleNames)))
            ?? throw new ArticleRejectedException("no title: give the article a \"title\" (or \"headline\")");
        var paragraphs = BodyParagraphs(Field(item, BodyNames))
            .Select(ArticleMetadata.Clean)
            .OfType<string>()
            .Select((text, i) => new Paragraph(i + 1, text))
            .ToList();
        if (paragraphs.Count == 0)
        {
            throw new ArticleRejectedException($"the article \"{title}\" has no text: give it a \"body\" (or \"content\", \"text\")");
        }

        var author = ArticleMetadata.Clean(Text(Field(item, AuthorNames)));
        return new Article(
            key,
            title,
            author is null ? null : TextCleanup.StripBy(author),
            ArticleMetadata.Clean(Text(Field(item, SourceNames))),
            ArticleMetadata.ParseDate(Text(Field(item, DateNames))),
            ArticleMetadata.ParseUrl(Text(Field(item, UrlNames))),
            paragraphs);
    }

    /// <summary>Splits a body on blank lines, as plain text is.</summary>
    public static IEnumerable<string> SplitParagraphs(string body) =>
        body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonElement? Field(JsonElement item, string[] names)
    {
        foreach (var name in names)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    /// <summary>A field's text: a string, a number, an object's "name" (schema.org Person/Organization), or a list of those joined.</summary>
    private static string? Text(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        { ValueKind: JsonValueKind.Object } e => Text(Field(e, ["name", "title", "href", "url"])),
        { ValueKind: JsonValueKind.Array } e => string.Join(" and ", e.EnumerateArray().Select(x => Text(x)).OfType<string>().Where(x => x.Length > 0)) is { Length: > 0 } joined ? joined : null,
        _ => null,
    };

    private static IEnumerable<string> BodyParagraphs(JsonElement? body) => body switch
    {
        { ValueKind: JsonValueKind.String } e => SplitParagraphs(e.GetString()!),
        { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().SelectMany(x => BodyParagraphs(x)),
        { ValueKind: JsonValueKind.Object } e => BodyParagraphs(Field(e, ["text", "value", "content"])),
        _ => [],
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };
}
