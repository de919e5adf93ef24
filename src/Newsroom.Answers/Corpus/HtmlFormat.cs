using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using System.Text.Json;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// A news page saved from a browser ("Save page as… HTML"). AngleSharp parses it as a browser
/// would (HTML5 error recovery copes with the broken markup real pages have). The article body is
/// the page's <c>&lt;article&gt;</c> (or <c>[itemprop=articleBody]</c>, <c>&lt;main&gt;</c>, the body);
/// its <c>&lt;p&gt;</c> elements are the paragraphs and its <c>&lt;figcaption&gt;</c>s are captions.
/// Metadata comes from the tags news sites publish for search engines and social cards:
/// JSON-LD NewsArticle, Open Graph, <c>article:published_time</c>, <c>rel=canonical</c>, <c>meta name=author</c>.
/// </summary>
internal sealed class HtmlFormat : IArticleFormat
{
    // Page furniture that is never reporting, even inside <article>.
    private const string Furniture = "nav, aside, footer, header, form, script, style, noscript, template, button, [role=navigation], [aria-hidden=true]";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    /// <inheritdoc />
    public Article Read(string key, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArticleRejectedException("the file is empty");
        }

        InputLimits.CheckHtml(text);
        var document = new HtmlParser().ParseDocument(text);
        var meta = new ArticleMetadata();
        ReadJsonLd(document, meta);
        meta.Title ??= ArticleMetadata.Clean(Meta(document, "og:title") ?? document.QuerySelector("article h1, h1")?.TextContent ?? document.Title);
        meta.Author ??= ArticleMetadata.Clean(Meta(document, "author") ?? Meta(document, "article:author") ?? document.QuerySelector("[rel=author], [itemprop=author], .byline")?.TextContent)
            is { } author ? TextCleanup.StripBy(author) : null;
        meta.Source ??= ArticleMetadata.Clean(Meta(document, "og:site_name"));
        meta.Published ??= ArticleMetadata.ParseDate(Meta(document, "article:published_time") ?? Meta(document, "date") ?? Meta(document, "pubdate")
            ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
        meta.Url ??= ArticleMetadata.ParseUrl(document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(document, "og:url"));

        var body = document.QuerySelector("[itemprop=articleBody]") ?? document.QuerySelector("article") ?? document.QuerySelector("main") ?? document.Body;
        var paragraphs = new List<Paragraph>();
        foreach (var element in body?.QuerySelectorAll("p, figcaption") ?? Enumerable.Empty<IElement>())
        {
            if (element.Closest(Furniture) is not null || (element.LocalName == "p" && element.Closest("figcaption") is not null))
            {
                continue;
            }

            var paragraph = element.LocalName == "figcaption" ? ReadCaption(paragraphs.Count + 1, element) : ReadParagraph(paragraphs.Count + 1, element);
            if (paragraph is not null)
            {
                paragraphs.Add(paragraph);
            }
        }

        if (meta.Title is null)
        {
            throw new ArticleRejectedException("no title: the page has no <title>, <h1> or og:title");
        }

        if (paragraphs.Count == 0)
        {
            throw new ArticleRejectedException("no article text: the page has no <p> paragraphs");
        }

        return new Article(key, meta.Title, meta.Author, meta.Source, meta.Published, meta.Url, paragraphs);
    }

    private static Paragraph? ReadParagraph(int number, IElement element)
    {
        var text = TextCleanup.Normalize(element.TextContent);
        return text.Length == 0 || (element.Matches(".byline, [itemprop=author]")) ? null : new Paragraph(number, text);
    }

    private static Paragraph? ReadCaption(int number, IElement figcaption)
    {
        var caption = (IElement)figcaption.Clone();
        var creditElement = caption.QuerySelector(".credit, [class*=credit], [itemprop=copyrightHolder], small");
        var credit = creditElement is null ? null : ArticleMetadata.Clean(creditElement.TextContent);
        creditElement?.Remove();
        var text = TextCleanup.Normalize(caption.TextContent);
        return text.Length == 0 ? null : new Paragraph(number, text, ParagraphKind.Caption, credit);
    }

    private static string? Meta(IDocument document, string name) =>
        document.QuerySelector($"meta[property='{name}'], meta[name='{name}'], meta[itemprop='{name}']")?.GetAttribute("content");

    /// <summary>Reads schema.org NewsArticle / Article JSON-LD, the richest metadata most news pages carry.</summary>
    private static void ReadJsonLd(IDocument document, ArticleMetadata meta)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = InputLimits.MaxJsonDepth });
                foreach (var node in Flatten(json.RootElement))
                {
                    if (!IsArticle(node))
                    {
                        continue;
                    }

                    meta.Title ??= ArticleMetadata.Clean(Text(node, "headline"));
                    meta.Author ??= ArticleMetadata.Clean(Names(node, "author"));
                    meta.Source ??= ArticleMetadata.Clean(Names(node, "publisher"));
                    meta.Published ??= ArticleMetadata.ParseDate(Text(node, "datePublished"));
                    meta.Url ??= ArticleMetadata.ParseUrl(Text(node, "url") ?? Text(node, "mainEntityOfPage"));
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common on real pages; the other metadata tags still apply.
            }
        }
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().SelectMany(Flatten);
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("@graph", out var graph))
        {
            return Flatten(graph);
        }

        return element.ValueKind == JsonValueKind.Object ? [element] : [];
    }

    private static bool IsArticle(JsonElement node)
    {
        if (!node.TryGetProperty("@type", out var type))
        {
            return false;
        }

        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.ToString()) : [type.ToString()];
        return types.Any(t => t.EndsWith("Article", StringComparison.OrdinalIgnoreCase) || t.Equals("Report", StringComparison.OrdinalIgnoreCase));
    }

    private static string? Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("@id", out var id) => id.GetString(),
            _ => null,
        } : null;

    /// <summary>"author": "Jane", {"name": "Jane"} or [{"name": "Jane"}, {"name": "John"}].</summary>
    private static string? Names(JsonElement node, string property)
    {
        if (!node.TryGetProperty(property, out var value))
        {
            return null;
        }

        IEnumerable<JsonElement> items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
        var names = items.Select(item => item.ValueKind switch
        {
            JsonValueKind.String => item.GetString(),
            JsonValueKind.Object when item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
            _ => null,
        }).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }
}
