namespace Newsroom.Answers.Corpus;

/// <summary>
/// Plain text as copy desks and scrapers save it: the headline on the first line, paragraphs
/// separated by blank lines, and optionally the byline alone on the last line. A paragraph whose
/// text ends with a photo credit ("… 2025. Mahmud Turkia/AFP via Getty Images") is a caption.
/// A line of its own "Published: 2026-03-10 18:30 -05:00" (or "Updated:", "Date:", "Posted:";
/// any date form <see cref="ArticleMetadata.ParseDate"/> reads) gives the publication date; a
/// date without a zone is read as UTC.
/// </summary>
internal sealed partial class PlainTextFormat : IArticleFormat
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text"];

    /// <inheritdoc />
    public Article Read(string key, string text)
    {
        var blocks = SplitBlocks(text);
        if (blocks.Count == 0)
        {
            throw new ArticleRejectedException("the file is empty");
        }

        var title = TextCleanup.Normalize(blocks[0][0]);
        blocks[0].RemoveAt(0);
        if (blocks[0].Count == 0)
        {
            blocks.RemoveAt(0);
        }

        var published = TakeDateLine(blocks);
        string? author = null;
        if (blocks.Count > 1 && blocks[^1].Count == 1 && TextCleanup.LooksLikeByline(blocks[^1][0]))
        {
            author = TextCleanup.StripBy(blocks[^1][0]);
            blocks.RemoveAt(blocks.Count - 1);
        }

        var paragraphs = new List<Paragraph>();
        foreach (var block in blocks)
        {
            var paragraph = ReadParagraph(paragraphs.Count + 1, block);
            if (paragraph is not null)
            {
                paragraphs.Add(paragraph);
            }
        }

        if (paragraphs.Count == 0)
        {
            throw new ArticleRejectedException("the file has a title but no article text");
        }

        return new Article(key, title, author, Source: null, Published: published, Url: null, paragraphs);
    }

    /// <summary>
    /// The date of the first line that is only "Published: …" (a line of its own, with a date that
    /// parses), removed from <paramref name="blocks"/>; null when there is none. A paragraph that
    /// merely starts with such a word, or a date that does not parse, stays text.
    /// </summary>
    private static DateTimeOffset? TakeDateLine(List<List<string>> blocks)
    {
        for (var b = 0; b < blocks.Count; b++)
        {
            for (var l = 0; l < blocks[b].Count; l++)
            {
                if (DateLine().Match(blocks[b][l]) is { Success: true } match && (blocks[b].Count == 1 || l == 0 && b == 0)
                    && ArticleMetadata.ParseDate(match.Groups["date"].Value) is { } date)
                {
                    blocks[b].RemoveAt(l);
                    if (blocks[b].Count == 0)
                    {
                        blocks.RemoveAt(b);
                    }

                    return date;
                }
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:published|updated|date|posted)\s*:\s*(?<date>.{6,60})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DateLine();

    /// <summary>Blocks of non-blank lines, separated by blank lines.</summary>
    private static List<List<string>> SplitBlocks(string text)
    {
        var blocks = new List<List<string>>();
        var current = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (current.Count > 0)
                {
                    blocks.Add(current);
                    current = [];
                }
            }
            else
            {
                current.Add(line);
            }
        }

        if (current.Count > 0)
        {
            blocks.Add(current);
        }

        return blocks;
    }

    private static Paragraph? ReadParagraph(int number, List<string> lines)
    {
        var joined = TextCleanup.Normalize(string.Join(' ', lines));
        var (body, credit) = SplitCredit(lines);
        if (credit is null)
        {
            return new Paragraph(number, joined);
        }

        // Scraped captions often start with a one- or two-word label line (the image's alt text or
        // a section slug, "Libya"): it is not part of what the caption says.
        if (body.Count > 1 && IsLabel(body[0]))
        {
            body.RemoveAt(0);
        }

        var caption = TextCleanup.Normalize(string.Join(' ', body));
        return caption.Length == 0 ? null : new Paragraph(number, caption, ParagraphKind.Caption, credit);
    }

    /// <summary>Separates a trailing photo credit from the block, on its own line or after the last sentence.</summary>
    private static (List<string> Body, string? Credit) SplitCredit(List<string> lines)
    {
        var body = new List<string>(lines);
        var last = body[^1];
        if (body.Count > 1 && TextCleanup.LooksLikePhotoCredit(last))
        {
            body.RemoveAt(body.Count - 1);
            return (body, last);
        }

        // "… on April 28, 2025. Mahmud Turkia/AFP via Getty Images". Every candidate tail ends where the
        // block does, so a block ending like a sentence has none; and only the short tails can be one.
        var end = last.AsSpan().TrimEnd();
        if (end.IsEmpty || end[^1] is '.' or '?' or '!')
        {
            return (body, null);
        }

        for (var i = last.LastIndexOf(". ", StringComparison.Ordinal); i > 0 && last.AsSpan(i + 2).Trim().Length <= TextCleanup.MaxPhotoCreditLength; i = last.LastIndexOf(". ", i - 1, StringComparison.Ordinal))
        {
            var tail = last[(i + 2)..];
            if (TextCleanup.LooksLikePhotoCredit(tail))
            {
                body[^1] = last[..(i + 1)];
                return (body, tail.Trim());
            }
        }

        return (body, null);
    }

    private static bool IsLabel(string line) =>
        line.Length <= 40 && !line.EndsWith('.') && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4;
}
