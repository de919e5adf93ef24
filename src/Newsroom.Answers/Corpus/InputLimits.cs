namespace Newsroom.Answers.Corpus;

/// <summary>
/// How deep and how large the structures in a corpus file may be before they reach a parser.
/// YamlDotNet's document model, AngleSharp's tree builder and the feed reader walk nesting by
/// recursion or by scanning the open elements, so a file nested a hundred thousand levels deep
/// would overflow the stack (which no handler can catch: the process dies) or take time quadratic
/// in its depth. Each format checks its text here first, with a linear scan that keeps no stack,
/// and a file beyond a limit is skipped with the limit named.
/// </summary>
internal static class InputLimits
{
    /// <summary>The largest YAML front matter read: real front matter is a few lines.</summary>
    public const int MaxFrontMatterChars = 64 * 1024;

    /// <summary>The deepest YAML nesting read (flow brackets, or block collections inside each other).</summary>
    public const int MaxYamlDepth = 32;

    /// <summary>
    /// The most columns of indentation, quote and list markers a Markdown line may start with. Markdig
    /// matches each line against every open container, so lists nested 2,000 deep took 22 s; 256
    /// columns allow lists and quotes far deeper than any article's.
    /// </summary>
    public const int MaxMarkdownPrefix = 256;

    /// <summary>The deepest HTML element nesting read. Real news pages nest 20 to 60 deep; browsers stop nesting at 512.</summary>
    public const int MaxHtmlDepth = 512;

    /// <summary>The deepest XML element nesting read in a feed (an RSS item's fields are 4 deep).</summary>
    public const int MaxXmlDepth = 64;

    /// <summary>The deepest JSON nesting read (System.Text.Json's own limit, set explicitly).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>
    /// Refuses YAML front matter over <see cref="MaxFrontMatterChars"/> or with flow collections
    /// (<c>[</c>, <c>{</c>) nested deeper than <see cref="MaxYamlDepth"/>. Brackets inside quoted
    /// strings and comments do not count.
    /// </summary>
    public static void CheckFrontMatter(string yaml)
    {
        if (yaml.Length > MaxFrontMatterChars)
        {
            throw new ArticleRejectedException($"the front matter is too large ({yaml.Length:N0} characters; the limit is {MaxFrontMatterChars:N0})");
        }

        var depth = 0;
        var quote = '\0';
        var comment = false;
        for (var i = 0; i < yaml.Length; i++)
        {
            var c = yaml[i];
            if (c == '\n')
            {
                comment = false;
                continue;
            }

            if (comment)
            {
                continue;
            }

            if (quote != '\0')
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'' when i == 0 || !char.IsLetterOrDigit(yaml[i - 1]):
                    quote = c;
                    break;
                case '#' when i == 0 || char.IsWhiteSpace(yaml[i - 1]):
                    comment = true;
                    break;
                case '[' or '{':
                    if (++depth > MaxYamlDepth)
                    {
                        throw TooDeep("the front matter", MaxYamlDepth);
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
    }

    /// <summary>Refuses Markdown with a line whose leading indentation and markers pass <see cref="MaxMarkdownPrefix"/> columns.</summary>
    public static void CheckMarkdown(string markdown)
    {
        var column = 0;
        var atStart = true;
        foreach (var c in markdown)
        {
            if (c == '\n')
            {
                column = 0;
                atStart = true;
            }
            else if (!atStart)
            {
                continue;
            }
            else if (c is ' ' or '\t' or '>' or '-' or '*' or '+' or '.' or ')' or '\r' || char.IsAsciiDigit(c))
            {
                column += c == '\t' ? 4 : 1;
            }
            else if (column > MaxMarkdownPrefix)
            {
                // Only before text: a line of nothing but dashes or stars is a rule, which costs nothing.
                throw TooDeep("the Markdown", MaxMarkdownPrefix, "columns of indentation, quote and list markers before a line's text");
            }
            else
            {
                atStart = false;
            }
        }
    }

    /// <summary>
    /// Refuses HTML whose elements nest deeper than <see cref="MaxHtmlDepth"/>. A linear scan of the
    /// tags: void elements, self-closing tags and elements whose end tag HTML lets a page leave out
    /// (<c>p</c>, <c>li</c>, <c>td</c>…) do not nest; comments and the text of <c>script</c>,
    /// <c>style</c>, <c>textarea</c> and <c>title</c> are skipped. An end tag closes back to the
    /// nearest open element of its name, as the tree builder does; a stray one closes nothing.
    /// </summary>
    public static void CheckHtml(string html, string what = "the page")
    {
        // Open elements as a stack of names, bounded by the limit itself.
        var open = new List<string>(64);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                return;
            }

            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var closing = html[lt + 1] == '/';
            var nameStart = closing ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = lt + 1; // "<" as text, "<!DOCTYPE", "<?xml"
                continue;
            }

            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                return;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            i = tagEnd + 1;
            if (closing)
            {
                var at = open.LastIndexOf(name);
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                continue;
            }

            if (RawText.Contains(name))
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
                continue;
            }

            if (Void.Contains(name) || OptionalEnd.Contains(name) || html[tagEnd - 1] == '/')
            {
                continue;
            }

            open.Add(name);
            if (open.Count > MaxHtmlDepth)
            {
                throw TooDeep(what, MaxHtmlDepth, "elements");
            }
        }
    }

    /// <summary>The reason a file nested beyond a limit is skipped.</summary>
    public static ArticleRejectedException TooDeep(string what, int limit, string unit = "levels") =>
        new($"{what} is nested too deeply (more than {limit} {unit}; the limit keeps a parser from running out of stack or time)");

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
    };

    private static readonly HashSet<string> OptionalEnd = new(StringComparer.Ordinal)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal) { "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext" };
}
