using System.Text.Json;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>): one article object per line, as bulk exports and
/// log-style pipelines write them. Each line is keyed "file.jsonl#n" (n counts lines from 0).
/// A line that is not JSON rejects the whole file, naming the line: it is most often a file still
/// being written, and indexing the lines before it would serve half an export.
/// </summary>
internal sealed class JsonLinesFormat : IArticleFormat
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".jsonl", ".ndjson"];

    /// <inheritdoc />
    public Article Read(string key, string text) => ReadAll(key, text)[0];

    /// <inheritdoc />
    public IReadOnlyList<Article> ReadAll(string key, string text)
    {
        var documents = new List<(int, JsonDocument)>();
        try
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }

                try
                {
                    documents.Add((i, JsonDocument.Parse(lines[i], JsonArticleReader.Options)));
                }
                catch (JsonException e)
                {
                    throw new ArticleRejectedException($"line {i + 1} is not valid JSON ({JsonFormat.FirstSentence(e.Message)})");
                }
            }

            return JsonFormat.ReadItems(key, documents.Select(d => (d.Item1, d.Item2.RootElement)));
        }
        finally
        {
            foreach (var (_, document) in documents)
            {
                document.Dispose();
            }
        }
    }
}
