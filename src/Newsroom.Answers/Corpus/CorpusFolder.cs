using System.Text;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// The folder newsroom staff drop articles into. Lists the files and reads each with the format
/// its extension names. Anything that is not an article (binary, empty, unreadable, malformed)
/// comes back with a reason instead of an article, so one bad file never stops the rest.
/// </summary>
internal sealed class CorpusFolder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<string, IArticleFormat> _formats;

    /// <summary>The largest file read as an article unless told otherwise: 20 MB.</summary>
    public const long DefaultMaxFileBytes = 20 * 1024 * 1024;

    /// <summary>Opens the corpus folder with the given formats (all formats this library knows when none are given).</summary>
    public CorpusFolder(string path, long maxFileBytes = DefaultMaxFileBytes, IEnumerable<IArticleFormat>? formats = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        MaxFileBytes = maxFileBytes;
        _formats = (formats ?? AllFormats())
            .SelectMany(format => format.Extensions.Select(extension => (extension, format)))
            .ToDictionary(pair => pair.extension, pair => pair.format, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>Files larger than this are skipped: no news article is that big, and reading one would stall indexing.</summary>
    public long MaxFileBytes { get; }

    /// <summary>The formats this library reads.</summary>
    public static IReadOnlyList<IArticleFormat> AllFormats() => [new PlainTextFormat(), new MarkdownFormat(), new HtmlFormat(), new JsonFormat(), new JsonLinesFormat(), new FeedFormat()];

    /// <summary>Every file under the folder except hidden ones (".gitkeep", editors' swap files), in a stable order.</summary>
    public IReadOnlyList<CorpusFile> ListFiles()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        return Describe(Directory.EnumerateFiles(Path, "*", Recursive));
    }

    /// <summary>
    /// The corpus files among <paramref name="paths"/> (files, or folders: every file under them),
    /// as <see cref="ListFiles"/> would list them; paths that are gone, hidden or outside the folder
    /// are left out. What changed, when a watcher says which paths did.
    /// </summary>
    public IReadOnlyList<CorpusFile> Describe(IEnumerable<string> paths)
    {
        var found = new Dictionary<string, CorpusFile>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", Recursive) : File.Exists(path) ? [path] : [];
            foreach (var file in files)
            {
                if (Contains(file) && !IsHidden(KeyOf(file)))
                {
                    var info = new FileInfo(file);
                    if (info.Exists)
                    {
                        found[KeyOf(info.FullName)] = new CorpusFile(KeyOf(info.FullName), info.FullName, info.Length, info.LastWriteTimeUtc);
                    }
                }
            }
        }

        return found.Values.OrderBy(file => file.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>True when <paramref name="fullPath"/> is inside the corpus folder.</summary>
    public bool Contains(string fullPath)
    {
        var relative = System.IO.Path.GetRelativePath(Path, System.IO.Path.GetFullPath(fullPath));
        return relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !System.IO.Path.IsPathRooted(relative);
    }

    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };

    private static bool IsHidden(string key) => key.Split('/').Any(part => part.StartsWith('.') || part.EndsWith('~'));

    /// <summary>Reads one file. Never throws for a bad file: the reason is in the result.</summary>
    public ReadResult Read(CorpusFile file)
    {
        if (!_formats.TryGetValue(System.IO.Path.GetExtension(file.Key), out var format))
        {
            return Skip(file, $"unsupported file type '{System.IO.Path.GetExtension(file.Key)}' (supported: {string.Join(", ", _formats.Keys.Order())})");
        }

        if (file.Length > MaxFileBytes)
        {
            return Skip(file, $"too large ({file.Length:N0} bytes; the limit is {MaxFileBytes:N0})");
        }

        // Only a regular file whose real path is inside the folder is read: a link to /etc/passwd
        // would be quoted, one to /dev/zero read until memory ran out, and a named pipe blocks
        // whoever opens it (SafeFileReader). The read stops past the limit, whatever the size said.
        byte[] bytes;
        try
        {
            var realPath = SafeFileReader.RealPath(file.FullPath);
            if (realPath is null)
            {
                return Skip(file, "could not be read (a link to nothing, or the file is gone)");
            }

            if (!IsInside(realPath))
            {
                return Skip(file, "a link to a file outside the corpus folder (only files inside it are read)");
            }

            if (SafeFileReader.SpecialFileReason(realPath) is { } special)
            {
                return Skip(file, special);
            }

            var read = SafeFileReader.ReadBounded(realPath, MaxFileBytes, out var tooLarge);
            if (tooLarge || read is null)
            {
                return Skip(file, $"too large (more than {MaxFileBytes:N0} bytes, the limit)");
            }

            bytes = read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Skip(file, $"could not be read ({e.Message})");
        }

        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return Skip(file, "not a text file (it contains binary data)", hash);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Skip(file, "not UTF-8 text (save it as UTF-8)", hash);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Skip(file, "the file is empty", hash);
        }

        try
        {
            var articles = format.ReadAll(file.Key, text).Select(BoundParagraphs).ToList();
            return articles.Count == 0
                ? Skip(file, "the file holds no article", hash)
                : new ReadResult(file, articles[0], null, hash) { Articles = articles };
        }
        catch (ArticleRejectedException e)
        {
            return Skip(file, e.Message, hash);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A parser bug on one odd file must not stop the other files from being indexed.
            return Skip(file, $"could not be parsed as {format.GetType().Name.Replace("Format", string.Empty, StringComparison.Ordinal)} ({e.GetType().Name}: {e.Message})", hash);
        }
    }

    /// <summary>
    /// The longest paragraph kept as one: "context" shows a quote's whole paragraph, and a text of
    /// 20 MB without a blank line was one paragraph. A news paragraph is a few hundred characters
    /// (the longest of the SQuAD sample about 2,000).
    /// </summary>
    public const int MaxParagraphChars = 16_000;

    /// <summary><paramref name="article"/> with each paragraph over <see cref="MaxParagraphChars"/> cut into several (after a full stop or at a space near the limit), numbered on.</summary>
    internal static Article BoundParagraphs(Article article)
    {
        if (article.Paragraphs.All(p => p.Text.Length <= MaxParagraphChars))
        {
            return article;
        }

        var paragraphs = new List<Paragraph>();
        foreach (var paragraph in article.Paragraphs)
        {
            var rest = paragraph.Text.AsSpan();
            while (rest.Length > 0)
            {
                var cut = rest.Length;
                if (rest.Length > MaxParagraphChars)
                {
                    var window = rest[..(MaxParagraphChars + 1)];
                    cut = window.LastIndexOf(". ") is var stop and >= MaxParagraphChars / 2 ? stop + 1 : window.LastIndexOf(' ');
                    if (cut < MaxParagraphChars / 2)
                    {
                        cut = char.IsHighSurrogate(rest[MaxParagraphChars - 1]) ? MaxParagraphChars - 1 : MaxParagraphChars;
                    }
                }

                var piece = rest[..cut].Trim();
                if (piece.Length > 0)
                {
                    paragraphs.Add(paragraph with { Number = paragraphs.Count + 1, Text = piece.ToString() });
                }

                rest = rest[cut..].TrimStart();
            }
        }

        return article with { Paragraphs = paragraphs };
    }

    /// <summary>True when <paramref name="realPath"/> (links resolved) is inside the folder's own real path.</summary>
    private bool IsInside(string realPath)
    {
        var folder = SafeFileReader.RealPath(Path) ?? Path;
        var relative = System.IO.Path.GetRelativePath(folder, realPath);
        return relative != "." && relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !relative.StartsWith("..\\", StringComparison.Ordinal) && !System.IO.Path.IsPathRooted(relative);
    }

    /// <summary>The article key of a path under this folder.</summary>
    public string KeyOf(string fullPath) => System.IO.Path.GetRelativePath(Path, fullPath).Replace('\\', '/');

    private static ReadResult Skip(CorpusFile file, string reason, string? hash = null) => new(file, null, reason, hash);
}
