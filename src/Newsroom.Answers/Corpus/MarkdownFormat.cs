using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// Markdown with optional YAML front matter (<c>title</c>, <c>author</c>, <c>source</c>,
/// <c>date</c>, <c>url</c>). Without a <c>title</c>, the first heading is the title.
/// Markdig parses the Markdown (CommonMark, so emphasis, links and lists come out as their text)
/// and YamlDotNet the front matter, rather than regular expressions that break on the first
/// unusual line.
/// </summary>
internal sealed class MarkdownFormat : IArticleFormat
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    /// <inheritdoc />
    public Article Read(string key, string text)
    {
        var document = Markdown.Parse(text, Pipeline);
        var meta = new ArticleMetadata();
        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        if (frontMatter is not null)
        {
            ReadFrontMatter(frontMatter.Lines.ToString(), meta);
        }

        var paragraphs = new List<Paragraph>();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            switch (block)
            {
                case HeadingBlock heading when meta.Title is null:
                    meta.Title = ArticleMetadata.Clean(InlineText(heading.Inline));
                    break;
                case ParagraphBlock paragraph:
                    var content = TextCleanup.Normalize(InlineText(paragraph.Inline));
                    if (content.Length > 0)
                    {
                        paragraphs.Add(new Paragraph(paragraphs.Count + 1, content));
                    }

                    break;
            }
        }

        if (meta.Title is null && paragraphs.Count == 0)
        {
            throw new ArticleRejectedException("the file is empty");
        }

        if (meta.Title is null)
        {
            throw new ArticleRejectedException("no title: add 'title:' to the front matter or start with a '# Heading'");
        }

        if (paragraphs.Count == 0)
        {
            throw new ArticleRejectedException("the file has a title but no article text");
        }

        return new Article(key, meta.Title, meta.Author, meta.Source, meta.Published, meta.Url, paragraphs);
    }

    private static void ReadFrontMatter(string yamlText, ArticleMetadata meta)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(yamlText.Trim().Trim('-')));
        }
        catch (YamlException e)
        {
            throw new ArticleRejectedException($"the front matter is not valid YAML (line {e.Start.Line}: {e.Message})");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) for some unclosed flow
            // collections ("title: [unclosed").
            throw new ArticleRejectedException("the front matter is not valid YAML (an unclosed [ or { )");
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode map)
        {
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var value = valueNode switch
            {
                YamlScalarNode scalar => scalar.Value,
                // "author: [Jane Doe, John Roe]"
                YamlSequenceNode list => string.Join(", ", list.Children.OfType<YamlScalarNode>().Select(s => s.Value)),
                _ => null,
            };
            switch (((keyNode as YamlScalarNode)?.Value ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "title" or "headline":
                    meta.Title = ArticleMetadata.Clean(value);
                    break;
                case "author" or "authors" or "byline":
                    meta.Author = ArticleMetadata.Clean(value is null ? null : TextCleanup.StripBy(value));
                    break;
                case "source" or "publisher" or "publication":
                    meta.Source = ArticleMetadata.Clean(value);
                    break;
                case "date" or "published" or "published_at" or "datepublished":
                    meta.Published = ArticleMetadata.ParseDate(value);
                    break;
                case "url" or "link" or "canonical":
                    meta.Url = ArticleMetadata.ParseUrl(value);
                    break;
            }
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline, text);
        return text.ToString();

        static void Append(Inline? node, StringBuilder text)
        {
            switch (node)
            {
                case null:
                    return;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LinkInline { IsImage: true }:
                    // An image's alt text is not reporting.
                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(child, text);
                    }

                    break;
            }
        }
    }
}
