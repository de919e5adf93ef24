using AngleSharp.Html.Parser;
using System.ServiceModel.Syndication;
using System.Xml;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// An RSS 2.0 or Atom feed saved to disk (<c>.rss</c>, <c>.atom</c>, <c>.xml</c>). Parsed with
/// System.ServiceModel.Syndication (Microsoft's feed library: both dialects, their date formats and
/// extensions, so nothing here reads XML by hand). Each item is an article keyed "file#n" (n from
/// 0, in feed order); the feed's title is the source. The item's content (or, failing that, its
/// summary) is the body; HTML in it is reduced to its paragraphs.
/// The XML reader refuses DTDs and resolves no external entities (no XXE, no billion laughs).
/// </summary>
internal sealed class FeedFormat : IArticleFormat
{
    private static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersFromEntities = 0,
    };

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".rss", ".atom", ".xml"];

    /// <inheritdoc />
    public Article Read(string key, string text) => ReadAll(key, text)[0];

    /// <inheritdoc />
    public IReadOnlyList<Article> ReadAll(string key, string text)
    {
        SyndicationFeed feed;
        try
        {
            CheckDepth(text);
            using var reader = XmlReader.Create(new StringReader(text), SafeXml);
            feed = SyndicationFeed.Load(reader);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArticleRejectedException("the feed declares a DTD, which is not accepted (it could pull in outside content)");
        }
        catch (XmlException e)
        {
            throw new ArticleRejectedException($"not an RSS 2.0 or Atom feed ({JsonFormat.FirstSentence(e.Message)})");
        }

        var source = ArticleMetadata.Clean(feed.Title?.Text);
        var articles = new List<Article>();
        string? firstProblem = null;
        var number = 0;
        foreach (var item in feed.Items)
        {
            try
            {
                articles.Add(ReadItem($"{key}#{number}", item, source));
            }
            catch (ArticleRejectedException e)
            {
                firstProblem ??= $"item {number}: {e.Message}";
            }

            number++;
        }

        return articles.Count > 0
            ? articles
            : throw new ArticleRejectedException(firstProblem is null ? "the feed has no items" : $"no readable item ({firstProblem})");
    }

    /// <summary>
    /// One pass of the XML reader (which keeps no stack of its own) before the feed library, which
    /// reads unknown elements and extensions into buffers of its own: nesting beyond
    /// <see cref="InputLimits.MaxXmlDepth"/> is refused.
    /// </summary>
    private static void CheckDepth(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), SafeXml);
        while (reader.Read())
        {
            if (reader.Depth > InputLimits.MaxXmlDepth)
            {
                throw InputLimits.TooDeep("the feed", InputLimits.MaxXmlDepth, "elements");
            }
        }
    }

    private static Article ReadItem(string key, SyndicationItem item, string? source)
    {
        var title = ArticleMetadata.Clean(item.Title?.Text) ?? throw new ArticleRejectedException("the item has no title");
        var body = item.Content is TextSyndicationContent content ? content.Text : item.Summary?.Text;
        var paragraphs = Paragraphs(body ?? string.Empty).Select((text, i) => new Paragraph(i + 1, text)).ToList();
        if (paragraphs.Count == 0)
        {
            throw new ArticleRejectedException($"the item \"{title}\" has no content or description");
        }

        var author = item.Authors.Select(a => ArticleMetadata.Clean(a.Name) ?? ArticleMetadata.Clean(a.Email)).OfType<string>().ToList();
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
        DateTimeOffset? published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : null;
        return new Article(
            key,
            title,
            author.Count == 0 ? null : TextCleanup.StripBy(string.Join(" and ", author)),
            source,
            published,
            ArticleMetadata.ParseUrl(link?.IsAbsoluteUri == true ? link.AbsoluteUri : item.Id),
            paragraphs);
    }

    /// <summary>Feed bodies are usually HTML: its paragraphs, else its text split on blank lines.</summary>
    private static IEnumerable<string> Paragraphs(string body)
    {
        if (body.Contains('<', StringComparison.Ordinal))
        {
            InputLimits.CheckHtml(body, "an item's HTML");
            var document = new HtmlParser().ParseDocument("<body>" + body + "</body>");
            var blocks = document.Body!.QuerySelectorAll("p, li, blockquote").Select(p => ArticleMetadata.Clean(p.TextContent)).OfType<string>().ToList();
            return blocks.Count > 0 ? blocks : ArticleMetadata.Clean(document.Body.TextContent) is { } all ? [all] : [];
        }

        return JsonArticleReader.SplitParagraphs(body).Select(ArticleMetadata.Clean).OfType<string>();
    }
}
