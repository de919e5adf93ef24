using Lucene.Net.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newsroom.Answers.Corpus;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Newsroom.Answers.Indexing;

/// <summary>A file that was not indexed, and why.</summary>
public sealed record SkippedFile(string Key, string Reason);

/// <summary>What one pass over the corpus did.</summary>
public sealed record IndexReport(
    int Added,
    int Updated,
    int Removed,
    int Unchanged,
    IReadOnlyList<SkippedFile> Skipped,
    int Articles,
    int Sentences,
    TimeSpan Elapsed)
{
    /// <summary>True when the pass changed what the index serves.</summary>
    public bool Changed => Added + Updated + Removed > 0;
}

/// <summary>
/// Brings the index in line with the corpus folder: new and changed files are (re)indexed,
/// deleted files removed, unchanged files left alone (size and time first, then content hash, so
/// an unchanged corpus costs one directory listing). One bad file is reported and skipped; if an
/// article that was indexed before turns unreadable, its last good version keeps being served.
/// </summary>
public sealed class CorpusIndexer(SentenceSplitter splitter, ILogger<CorpusIndexer>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CorpusIndexer>.Instance;

    /// <summary>Synchronises <paramref name="index"/> with <paramref name="corpus"/> and commits.</summary>
    public IndexReport Synchronize(CorpusFolder corpus, ArticleIndex index, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var before = index.Manifest;
        var after = new ConcurrentDictionary<string, ManifestEntry>(StringComparer.Ordinal);
        var skipped = new ConcurrentBag<SkippedFile>();
        int added = 0, updated = 0, unchanged = 0;

        var files = corpus.ListFiles();
        _logger.LogInformation("Synchronizing the index with {Folder}: {Files} files, {Known} known from the last commit", corpus.Path, files.Count, before.Count);
        Parallel.ForEach(files, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            before.TryGetValue(file.Key, out var known);
            if (known is not null && known.Length == file.Length && known.LastWriteTicks == file.LastWriteUtc.Ticks)
            {
                after[file.Key] = known;
                Interlocked.Increment(ref unchanged);
                if (known.SkipReason is not null)
                {
                    skipped.Add(new SkippedFile(file.Key, known.SkipReason));
                }

                return;
            }

            var result = corpus.Read(file);
            if (known is not null && result.ContentHash == known.Hash)
            {
                // Touched, not changed.
                after[file.Key] = known with { Length = file.Length, LastWriteTicks = file.LastWriteUtc.Ticks };
                Interlocked.Increment(ref unchanged);
                return;
            }

            if (result.Article is null)
            {
                skipped.Add(new SkippedFile(file.Key, result.SkipReason!));
                _logger.LogWarning("Skipped corpus file {File}: {Reason}", file.Key, result.SkipReason);
                after[file.Key] = known is { Sentences: > 0 }
                    ? known // keep serving the last good version; it is retried on the next pass
                    : new ManifestEntry(file.Length, file.LastWriteUtc.Ticks, result.ContentHash ?? string.Empty, 0, result.SkipReason);
                return;
            }

            var documents = SentenceDocuments.Build(result.Article, splitter);
            index.Replace(file.Key, documents);
            after[file.Key] = new ManifestEntry(file.Length, file.LastWriteUtc.Ticks, result.ContentHash!, documents.Count, null);
            Interlocked.Increment(ref known is null ? ref added : ref updated);
        });

        var removed = 0;
        foreach (var key in before.Keys.Where(key => !after.ContainsKey(key)))
        {
            index.Delete(key);
            removed++;
        }

        var manifest = new Dictionary<string, ManifestEntry>(after, StringComparer.Ordinal);
        if (added + updated + removed > 0 || manifest.Count != before.Count || index.WasReset || index.WasRecreated ||
            manifest.Any(pair => !before.TryGetValue(pair.Key, out var old) || old != pair.Value))
        {
            index.Commit(manifest);
        }

        var report = new IndexReport(added, updated, removed, unchanged, skipped.OrderBy(s => s.Key, StringComparer.Ordinal).ToList(),
            index.ArticleCount, index.SentenceCount, clock.Elapsed);
        _logger.LogInformation(
            "Corpus {Folder}: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged, {Skipped} skipped; serving {Articles} articles, {Sentences} sentences ({Elapsed} ms)",
            corpus.Path, added, updated, removed, unchanged, report.Skipped.Count, report.Articles, report.Sentences, (long)clock.Elapsed.TotalMilliseconds);
        return report;
    }
}

/// <summary>Turns an article into its sentence documents.</summary>
public static class SentenceDocuments
{
    /// <summary>One document per sentence, in reading order.</summary>
    public static IReadOnlyList<Document> Build(Article article, SentenceSplitter splitter)
    {
        var documents = new List<Document>();
        foreach (var paragraph in article.Paragraphs)
        {
            var sentences = splitter.Split(paragraph.Text);
            var cursor = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                var offset = OffsetOf(paragraph.Text, sentences[i], cursor);
                cursor = offset + 1;
                var document = new Document
                {
                    new StringField(SentenceFields.Id, $"{article.Key}#{paragraph.Number}.{i + 1}", Field.Store.YES),
                    new StringField(SentenceFields.Article, article.Key, Field.Store.YES),
                    new TextField(SentenceFields.Title, article.Title, Field.Store.YES),
                    new TextField(SentenceFields.Text, sentences[i], Field.Store.YES),
                    new TextField(SentenceFields.Window, string.Join(' ', sentences.Skip(Math.Max(i - 1, 0)).Take(i == 0 ? 2 : 3)), Field.Store.NO),
                    new TextField(SentenceFields.Context, paragraph.Text, Field.Store.NO),
                    new StoredField(SentenceFields.Paragraph, paragraph.Number),
                    new StoredField(SentenceFields.Sentence, i + 1),
                    new StoredField(SentenceFields.Offset, offset),
                };
                if (article.Author is not null)
                {
                    document.Add(new TextField(SentenceFields.Author, article.Author, Field.Store.YES));
                }

                if (article.Source is not null)
                {
                    document.Add(new TextField(SentenceFields.Source, article.Source, Field.Store.YES));
                }

                if (article.Published is { } published)
                {
                    document.Add(new StoredField(SentenceFields.Published, published.UtcTicks));
                }

                if (article.Url is not null)
                {
                    document.Add(new StoredField(SentenceFields.Url, article.Url));
                }

                if (paragraph.Kind == ParagraphKind.Caption)
                {
                    document.Add(new StoredField(SentenceFields.Kind, "caption"));
                    if (paragraph.Credit is not null)
                    {
                        document.Add(new StoredField(SentenceFields.Credit, paragraph.Credit));
                    }
                }

                documents.Add(document);
            }
        }

        return documents;
    }

    /// <summary>
    /// Where <paramref name="sentence"/> starts in <paramref name="paragraph"/>, searching from
    /// <paramref name="cursor"/> (sentences come in order). The splitter trims and may rejoin pieces
    /// with one space; paragraphs are whitespace-normalised, so the sentence is found verbatim, and
    /// if it ever is not, its first word still is.
    /// </summary>
    private static int OffsetOf(string paragraph, string sentence, int cursor)
    {
        cursor = Math.Min(cursor, paragraph.Length);
        var at = paragraph.IndexOf(sentence, cursor, StringComparison.Ordinal);
        if (at < 0)
        {
            var firstWord = sentence.Split(' ', 2)[0];
            at = paragraph.IndexOf(firstWord, cursor, StringComparison.Ordinal);
        }

        return at < 0 ? cursor : at;
    }
}
