using Newsroom.Answers.Corpus;
using System.Text;

namespace Newsroom.Evaluation;

/// <summary>One question to ask, with where in the corpus its answers start.</summary>
/// <param name="Text">The question as a user would type it.</param>
/// <param name="ArticleKey">The key of the corpus file holding its paragraph.</param>
/// <param name="Paragraph">Paragraph number in that article, from 1.</param>
/// <param name="AnswerStarts">Character offsets in the indexed paragraph text where its answers start.</param>
internal sealed record EvaluationQuestion(string Text, string ArticleKey, int Paragraph, IReadOnlyList<int> AnswerStarts)
{
    /// <summary>
    /// True when a sentence cited from <paramref name="articleKey"/>, paragraph <paramref name="paragraph"/>,
    /// starting at <paramref name="offset"/> with <paramref name="length"/> characters, contains the start of one of the answers.
    /// </summary>
    public bool IsAnsweredBy(string articleKey, int paragraph, int offset, int length) =>
        articleKey == ArticleKey && paragraph == Paragraph && AnswerStarts.Any(start => start >= offset && start < offset + length);
}

/// <summary>
/// A SQuAD file laid out as a newsroom corpus folder: one plain-text article per SQuAD article
/// (headline = title with underscores as spaces, then its paragraphs separated by blank lines), so
/// the product reads, splits and indexes it exactly as it does any article dropped into corpus/.
/// Answer offsets are carried over to the text the product indexes (whose whitespace it normalises).
/// </summary>
internal sealed class EvaluationCorpus : IDisposable
{
    private EvaluationCorpus(string folder, IReadOnlyList<string> keys, IReadOnlyList<IReadOnlyList<EvaluationQuestion>> questions, IReadOnlyList<IReadOnlyList<string>> paragraphs)
    {
        Folder = folder;
        Keys = keys;
        Questions = questions;
        Paragraphs = paragraphs;
    }

    /// <summary>The corpus folder (temporary; deleted on dispose).</summary>
    public string Folder { get; }

    /// <summary>True when other articles were copied in beside the SQuAD ones (a large archive: indexed on disk).</summary>
    public bool HasArchive { get; private init; }

    /// <summary>Corpus key of each article, in file order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The questions about each article, in file order.</summary>
    public IReadOnlyList<IReadOnlyList<EvaluationQuestion>> Questions { get; }

    /// <summary>Each article's paragraphs as written (whitespace normalised).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Paragraphs { get; }

    /// <summary>
    /// Writes the articles of <paramref name="file"/> whose positions <paramref name="include"/> accepts
    /// (all by default) into a new temporary folder; with <paramref name="archive"/>, a folder of other
    /// articles (the benchmark's generated corpus, a real archive), copies of those go in beside them,
    /// under <c>archive/</c>, so the questions are asked of an archive that size.
    /// </summary>
    public static EvaluationCorpus Write(SquadFile file, Func<int, bool>? include = null, string? archive = null)
    {
        var folder = Directory.CreateTempSubdirectory("newsroom-eval-").FullName;
        if (archive is not null)
        {
            foreach (var source in Directory.EnumerateFiles(archive, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, "archive", Path.GetRelativePath(archive, source));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }

        var keys = new List<string>();
        var questions = new List<IReadOnlyList<EvaluationQuestion>>();
        var paragraphs = new List<IReadOnlyList<string>>();
        for (var a = 0; a < file.Articles.Count; a++)
        {
            var article = file.Articles[a];
            var key = $"{a:D3}.txt";
            keys.Add(key);
            var text = new StringBuilder(article.Title.Replace('_', ' ')).Append("\n\n");
            var asked = new List<EvaluationQuestion>();
            var written = new List<string>();
            for (var p = 0; p < article.Paragraphs.Count; p++)
            {
                var (normalized, map) = Normalize(article.Paragraphs[p].Context);
                written.Add(normalized);
                text.Append(normalized).Append("\n\n");
                foreach (var question in article.Paragraphs[p].Questions)
                {
                    var starts = question.Answers.Select(answer => map[Math.Clamp(answer.Start, 0, map.Length - 1)]).Distinct().ToList();
                    asked.Add(new EvaluationQuestion(question.Text, key, p + 1, starts));
                }
            }

            questions.Add(asked);
            paragraphs.Add(written);
            if (include?.Invoke(a) ?? true)
            {
                File.WriteAllText(Path.Combine(folder, key), text.ToString());
            }
        }

        return new EvaluationCorpus(folder, keys, questions, paragraphs) { HasArchive = archive is not null };
    }

    /// <summary>
    /// Checks that the product read every written article back with the same paragraphs (no
    /// paragraph taken for a byline or a caption): otherwise answer offsets would point elsewhere.
    /// Returns the number of articles read differently.
    /// </summary>
    public int CountMisread()
    {
        var format = new PlainTextFormat();
        var misread = 0;
        for (var a = 0; a < Keys.Count; a++)
        {
            var path = Path.Combine(Folder, Keys[a]);
            if (!File.Exists(path))
            {
                continue;
            }

            var article = format.Read(Keys[a], File.ReadAllText(path));
            if (!article.Paragraphs.Select(p => p.Text).SequenceEqual(Paragraphs[a]) || article.Paragraphs.Any(p => p.Kind != ParagraphKind.Body))
            {
                misread++;
            }
        }

        return misread;
    }

    /// <summary>
    /// The paragraph with every run of whitespace made one space and the ends trimmed (as the
    /// product normalises paragraphs), and where each original character landed in it.
    /// </summary>
    private static (string Text, int[] Map) Normalize(string context)
    {
        var text = new StringBuilder(context.Length);
        var map = new int[Math.Max(context.Length, 1)];
        var pendingSpace = false;
        for (var i = 0; i < context.Length; i++)
        {
            if (char.IsWhiteSpace(context[i]))
            {
                pendingSpace = text.Length > 0;
                map[i] = text.Length;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            map[i] = text.Length;
            text.Append(context[i]);
        }

        return (text.ToString(), map);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
