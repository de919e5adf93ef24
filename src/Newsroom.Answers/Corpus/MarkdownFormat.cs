using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// Markdown with optional YAML front matter (<c>title</c>, <c>author</c>, <c>source</c>,
/// <c>date</c>, <c>url</c>). Without a <c>title</c>, the first heading is the title.
/// Markdig parses the Markdown (CommonMark, so emphasis, links and lists come out as their text)
/// and YamlDotNet's event parser the front matter (depth-bounded: see <see cref="InputLimits"/>), rather than regular expressions that break on the first
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
        InputLimits.CheckMarkdown(text);
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

    /// <summary>
    /// Reads the front matter's top-level fields from YamlDotNet's event parser, which keeps its
    /// nesting on a heap stack, instead of its document model, which builds nested collections by
    /// recursion (front matter nested 100,000 deep overflowed the stack and killed the process).
    /// Nesting beyond <see cref="InputLimits.MaxYamlDepth"/> is refused as it is met; the text is
    /// pre-checked for size and flow-bracket depth before the parser sees it.
    /// </summary>
    private static void ReadFrontMatter(string yamlText, ArticleMetadata meta)
    {
        var text = yamlText.Trim().Trim('-');
        InputLimits.CheckFrontMatter(text);
        try
        {
            ReadTopLevel(new Parser(new StringReader(text)), meta);
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
    }

    /// <summary>The first document's top-level mapping: scalar values, and lists of scalars ("author: [Jane Doe, John Roe]").</summary>
    private static void ReadTopLevel(Parser parser, ArticleMetadata meta)
    {
        var depth = 0;
        var rootIsMapping = false;
        string? key = null;
        List<string>? list = null;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > InputLimits.MaxYamlDepth)
                    {
                        throw InputLimits.TooDeep("the front matter", InputLimits.MaxYamlDepth);
                    }

                    if (depth == 1)
                    {
                        rootIsMapping = parser.Current is MappingStart;
                    }
                    else if (depth == 2 && rootIsMapping && key is not null && parser.Current is SequenceStart)
                    {
                        list = [];
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    if (depth == 2 && rootIsMapping)
                    {
                        if (list is not null)
                        {
                            Assign(meta, key!, string.Join(", ", list));
                            list = null;
                        }

                        // A collection as a key ("? [a, b]: c") leaves a placeholder key; as a value, it is done.
                        key = key is null ? string.Empty : null;
                    }

                    depth--;
                    break;
                case Scalar scalar when rootIsMapping && depth == 1:
                    if (key is null)
                    {
                        key = scalar.Value;
                    }
                    else
                    {
                        Assign(meta, key, scalar.Value);
                        key = null;
                    }

                    break;
                case Scalar scalar when list is not null && depth == 2:
                    list.Add(scalar.Value);
                    break;
                case AnchorAlias when rootIsMapping && depth == 1:
                    key = key is null ? string.Empty : null; // an alias's value is not read: no expansion
                    break;
                case DocumentEnd:
                    return; // only the first document is front matter
            }
        }
    }

    private static void Assign(ArticleMetadata meta, string key, string? value)
    {
        switch (key.Trim().ToLowerInvariant())
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
