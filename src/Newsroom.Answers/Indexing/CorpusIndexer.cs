using Lucene.Net.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newsroom.Answers.Corpus;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Newsroom.Answers.Indexing;

/// <summary>
/// Brings the index in line with the corpus folder: new and changed files are (re)indexed,
/// deleted files removed, unchanged files left alone (size and time first, then content hash, so
/// an unchanged corpus costs one directory listing). One bad file is reported and skipped; if an
/// article that was indexed before turns unreadable, its last good version keeps being served.
/// Duplicates (same URL or same text) are indexed once: the copy whose key sorts first (ordinal)
/// wins, so the outcome does not depend on which file was read first.
/// </summary>
internal sealed class CorpusIndexer(SentenceSplitter splitter, ILogger<CorpusIndexer>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CorpusIndexer>.Instance;

    /// <summary>Synchronises <paramref name="index"/> with <paramref name="corpus"/> and commits.</summary>
    public IndexReport Synchronize(CorpusFolder corpus, ArticleIndex index, CancellationToken cancellationToken = default) =>
        Synchronize(corpus, index, TimeSpan.Zero, null, cancellationToken);

    /// <summary>
    /// Synchronises <paramref name="index"/> with <paramref name="corpus"/> and commits. Files modified
    /// less than <paramref name="settleTime"/> ago are left for a later pass (a file still being
    /// copied in is never indexed half). <paramref name="progress"/> hears (files done, files in total).
    /// </summary>
    public IndexReport Synchronize(CorpusFolder corpus, ArticleIndex index, TimeSpan settleTime, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default) =>
        Synchronize(corpus, index, settleTime, progress, changedPaths: null, cancellationToken);

    /// <summary>
    /// As <see cref="Synchronize(CorpusFolder, ArticleIndex, TimeSpan, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>,
    /// but looking only at <paramref name="changedPaths"/> (files or folders that were created,
    /// changed, renamed or deleted) when it is not null: every other file is taken to be as the last
    /// commit knew it. A watcher that knows what changed then indexes a new article without listing a
    /// whole archive (1.6 s at 30,000 files); the periodic full pass still catches anything it missed.
    /// </summary>
    public IndexReport Synchronize(CorpusFolder corpus, ArticleIndex index, TimeSpan settleTime, IProgress<(int Done, int Total)>? progress, IReadOnlyCollection<string>? changedPaths, CancellationToken cancellationToken = default)
    {
        try
        {
            return SynchronizeOnce(corpus, index, settleTime, progress, changedPaths, cancellationToken);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // A pass that fails half way (a full disk, the host stopping) may have written some
            // sentences already: they go, so the pass that retries it does not add them a second time.
            try
            {
                index.DiscardChanges();
            }
            catch (Exception discardFailure) when (discardFailure is not OutOfMemoryException)
            {
                _logger.LogError(discardFailure, "Could not discard the failed pass's changes to the index; the next pass tries again");
            }

            throw;
        }
    }

    private IndexReport SynchronizeOnce(CorpusFolder corpus, ArticleIndex index, TimeSpan settleTime, IProgress<(int Done, int Total)>? progress, IReadOnlyCollection<string>? changedPaths, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var before = index.Manifest;
        var after = new ConcurrentDictionary<string, ManifestEntry>(Environment.ProcessorCount, before.Count + 16, StringComparer.Ordinal);
        var skipped = new ConcurrentBag<SkippedFile>();
        int added = 0, updated = 0, unchanged = 0, deferred = 0, done = 0;

        IReadOnlyList<CorpusFile> files;
        if (changedPaths is null)
        {
            files = corpus.ListFiles();
            _logger.LogInformation("Synchronizing the index with {Folder}: {Files} files, {Known} known from the last commit", corpus.Path, files.Count, before.Count);
        }
        else
        {
            // What was touched: the paths, and everything the last commit knew under a touched folder
            // (a folder deleted or renamed away takes its files with it). The rest stays as it was.
            files = corpus.Describe(changedPaths);
            var touched = changedPaths.Where(corpus.Contains).Select(corpus.KeyOf).ToList();
            foreach (var (key, entry) in before)
            {
                if (!IsUnder(key, touched))
                {
                    after[key] = entry;
                    if (entry.SkipReason is not null)
                    {
                        skipped.Add(new SkippedFile(key, entry.SkipReason));
                    }
                }
            }

            _logger.LogDebug("Synchronizing the index with {Count} changed paths in {Folder}", changedPaths.Count, corpus.Path);
        }

        var now = DateTime.UtcNow;

        // Who claims each identity (URL, text) first by key. Provisional: it only lets the pass skip
        // building sentences for an obvious duplicate; the final decision is made after all reads.
        var claims = new ConcurrentDictionary<string, string>(Environment.ProcessorCount, 2 * ArticlesIn(before.Values) + 16, StringComparer.Ordinal);
        foreach (var entry in before.Values)
        {
            for (var i = 0; i < entry.Articles.Count; i++)
            {
                Claim(claims, entry.Articles[i]);
            }
        }

        Parallel.ForEach(files, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            try
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

                if (settleTime > TimeSpan.Zero && now - file.LastWriteUtc < settleTime)
                {
                    // Still being written, perhaps: serve what we had and look again shortly.
                    if (known is not null)
                    {
                        after[file.Key] = known;
                    }

                    Interlocked.Increment(ref deferred);
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

                if (result.Articles.Count == 0)
                {
                    skipped.Add(new SkippedFile(file.Key, result.SkipReason!));
                    _logger.LogWarning("Skipped corpus file {File}: {Reason}", LogText.Escape(file.Key), LogText.Escape(result.SkipReason!));
                    after[file.Key] = known is { Sentences: > 0 }
                        ? known // keep serving the last good version; it is retried on the next pass
                        : new ManifestEntry(file.Length, file.LastWriteUtc.Ticks, result.ContentHash ?? string.Empty, 0, result.SkipReason);
                    return;
                }

                var (documents, entries) = Build(file.Key, result.Articles, claims, index.Analyzer, index.Encoder);
                if (known is null)
                {
                    // The manifest and the sentences are committed together, so a file the manifest
                    // does not know has no sentences in the index: nothing to replace.
                    index.AddFile(documents);
                }
                else
                {
                    index.ReplaceFile(file.Key, documents);
                }

                after[file.Key] = new ManifestEntry(file.Length, file.LastWriteUtc.Ticks, result.ContentHash!, documents.Count, null) { Articles = entries };
                Interlocked.Increment(ref known is null ? ref added : ref updated);
            }
            finally
            {
                progress?.Report((Interlocked.Increment(ref done), files.Count));
            }
        });

        var removed = 0;
        foreach (var key in before.Keys.Where(key => !after.ContainsKey(key)))
        {
            index.DeleteFile(key);
            removed++;
        }

        var manifest = new Dictionary<string, ManifestEntry>(after, StringComparer.Ordinal);
        var duplicates = SettleDuplicates(corpus, index, manifest, files, before);

        if (added + updated + removed > 0 || manifest.Count != before.Count || index.WasReset || index.WasRecreated ||
            manifest.Any(pair => !before.TryGetValue(pair.Key, out var old) || old != pair.Value))
        {
            index.Commit(manifest);
        }

        var report = new IndexReport(added, updated, removed, unchanged, skipped.OrderBy(s => s.Key, StringComparer.Ordinal).ToList(),
            index.ArticleCount, index.SentenceCount, clock.Elapsed)
        {
            Duplicates = duplicates,
            Deferred = deferred,
        };
        _logger.LogInformation(
            "Corpus {Folder}: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged, {Skipped} skipped, {Duplicates} duplicates, {Deferred} still being written; serving {Articles} articles, {Sentences} sentences ({Elapsed} ms)",
            corpus.Path, added, updated, removed, unchanged, report.Skipped.Count, duplicates.Count, deferred, report.Articles, report.Sentences, (long)clock.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>The sentence documents of a file's articles, leaving out those that are already known duplicates.</summary>
    private (List<Document> Documents, List<ManifestArticle> Entries) Build(string fileKey, IReadOnlyList<Article> articles, ConcurrentDictionary<string, string> claims, Lucene.Net.Analysis.Analyzer analyzer, ISentenceEncoder? encoder)
    {
        var documents = new List<Document>();
        var entries = new List<ManifestArticle>(articles.Count);
        foreach (var article in articles)
        {
            var entry = new ManifestArticle(article.Key, Identities(article), 0, null);
            Claim(claims, entry);
            var earlier = EarlierClaim(claims, entry);
            // A duplicate's sentences are never added: they need no meaning vectors.
            var sentences = SentenceDocuments.Build(article, splitter, analyzer, fileKey, earlier is null ? encoder : null);
            if (earlier is null)
            {
                documents.AddRange(sentences);
            }

            entries.Add(entry with { Sentences = sentences.Count, DuplicateOf = earlier });
        }

        return (documents, entries);
    }

    /// <summary>
    /// Decides duplicates on the final picture of the corpus: an article is a duplicate when an
    /// article with an earlier key shares its URL or its text. Articles that became duplicates are
    /// removed; articles that stopped being duplicates (their original was deleted or changed) are
    /// read again and indexed.
    /// </summary>
    private List<DuplicateArticle> SettleDuplicates(CorpusFolder corpus, ArticleIndex index, Dictionary<string, ManifestEntry> manifest, IReadOnlyList<CorpusFile> files, IReadOnlyDictionary<string, ManifestEntry> before)
    {
        // Every pass settles the whole corpus, so what it allocates per article is kept to the claims
        // themselves: a pass for one new article in a 29,000-file archive allocated 40 MB.
        var claims = new Dictionary<string, string>(2 * ArticlesIn(manifest.Values), StringComparer.Ordinal);
        foreach (var entry in manifest.Values)
        {
            for (var i = 0; i < entry.Articles.Count; i++)
            {
                Claim(claims, entry.Articles[i]);
            }
        }

        var toReindex = new List<string>();
        var settled = new List<(string FileKey, ManifestEntry Entry)>();
        foreach (var (fileKey, entry) in manifest)
        {
            List<ManifestArticle>? articles = null;
            for (var i = 0; i < entry.Articles.Count; i++)
            {
                var article = entry.Articles[i];
                var earlier = EarlierClaim(claims, article);
                if (earlier == article.DuplicateOf)
                {
                    articles?.Add(article);
                    continue;
                }

                articles ??= [.. entry.Articles.Take(i)];
                if (earlier is not null && article.Indexed)
                {
                    index.Delete(article.Key);
                }
                else if (earlier is null && !toReindex.Contains(fileKey))
                {
                    toReindex.Add(fileKey);
                }

                articles.Add(article with { DuplicateOf = earlier });
            }

            if (articles is not null)
            {
                settled.Add((fileKey, entry with { Articles = articles, Sentences = articles.Where(a => a.Indexed).Sum(a => a.Sentences) }));
            }
        }

        foreach (var (fileKey, entry) in settled)
        {
            manifest[fileKey] = entry;
        }

        foreach (var fileKey in toReindex)
        {
            var file = files.FirstOrDefault(f => f.Key == fileKey) ?? corpus.Describe([Path.Combine(corpus.Path, fileKey)]).FirstOrDefault();
            var result = file is null ? null : corpus.Read(file);
            if (result is null || result.Articles.Count == 0 || result.ContentHash != manifest[fileKey].Hash)
            {
                continue; // changed again meanwhile: the next pass reads it
            }

            var winners = manifest[fileKey].Articles.Where(a => a.DuplicateOf is null).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            index.ReplaceFile(fileKey, result.Articles.Where(a => winners.Contains(a.Key)).SelectMany(a => SentenceDocuments.Build(a, splitter, index.Analyzer, fileKey, index.Encoder)).ToList());
        }

        var duplicates = DuplicatesIn(manifest.Values).Select(article => new DuplicateArticle(article.Key, article.DuplicateOf!))
            .OrderBy(duplicate => duplicate.Key, StringComparer.Ordinal)
            .ToList();
        var known = DuplicatesIn(before.Values).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in duplicates.Where(d => !known.Contains(d.Key)))
        {
            _logger.LogInformation("Not indexed: {Article} duplicates {Original} (same URL or same text)", LogText.Escape(duplicate.Key), LogText.Escape(duplicate.DuplicateOf));
        }

        return duplicates;
    }

    private static int ArticlesIn(IEnumerable<ManifestEntry> entries)
    {
        var count = 0;
        foreach (var entry in entries)
        {
            count += entry.Articles.Count;
        }

        return count;
    }

    private static IEnumerable<ManifestArticle> DuplicatesIn(IEnumerable<ManifestEntry> entries)
    {
        foreach (var entry in entries)
        {
            for (var i = 0; i < entry.Articles.Count; i++)
            {
                if (entry.Articles[i].DuplicateOf is not null)
                {
                    yield return entry.Articles[i];
                }
            }
        }
    }

    /// <summary>True when <paramref name="key"/> is one of <paramref name="paths"/> or lies in a folder among them.</summary>
    private static bool IsUnder(string key, List<string> paths)
    {
        foreach (var path in paths)
        {
            if (key.StartsWith(path, StringComparison.Ordinal) && (key.Length == path.Length || key[path.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    private static void Claim(ConcurrentDictionary<string, string> claims, ManifestArticle article)
    {
        for (var i = 0; i < article.Identities.Count; i++)
        {
            claims.AddOrUpdate(
                article.Identities[i],
                static (_, key) => key,
                static (_, holder, key) => string.CompareOrdinal(key, holder) < 0 ? key : holder,
                article.Key);
        }
    }

    private static void Claim(Dictionary<string, string> claims, ManifestArticle article)
    {
        for (var i = 0; i < article.Identities.Count; i++)
        {
            ref var holder = ref CollectionsMarshal.GetValueRefOrAddDefault(claims, article.Identities[i], out var exists);
            if (!exists || string.CompareOrdinal(article.Key, holder) < 0)
            {
                holder = article.Key;
            }
        }
    }

    private static string? EarlierClaim(IReadOnlyDictionary<string, string> claims, ManifestArticle article)
    {
        string? earliest = null;
        for (var i = 0; i < article.Identities.Count; i++)
        {
            if (claims.TryGetValue(article.Identities[i], out var holder) && string.CompareOrdinal(holder, article.Key) < 0 &&
                (earliest is null || string.CompareOrdinal(holder, earliest) < 0))
            {
                earliest = holder;
            }
        }

        return earliest;
    }

    /// <summary>
    /// What makes two articles one: the same link (scheme, host case, trailing slash and fragment
    /// ignored) or the same words in the same order (case, punctuation and spacing ignored).
    /// </summary>
    internal static IReadOnlyList<string> Identities(Article article)
    {
        var identities = new List<string>(2);
        if (article.Url is not null && Uri.TryCreate(article.Url, UriKind.Absolute, out var uri))
        {
            identities.Add("url:" + uri.Host.ToLowerInvariant() + uri.AbsolutePath.TrimEnd('/') + uri.Query);
        }

        // Hashed in chunks as it is read: no copy of the whole text (indexing reads every article).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<char> chunk = stackalloc char[512];
        Span<byte> bytes = stackalloc byte[512 * 3];
        var length = 0;
        foreach (var paragraph in article.Paragraphs)
        {
            foreach (var c in paragraph.Text)
            {
                // ASCII first, inline: this loop runs over every character of the archive.
                char kept;
                if (char.IsAscii(c))
                {
                    if (!char.IsAsciiLetterOrDigit(c))
                    {
                        continue;
                    }

                    kept = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                }
                else if (char.IsLetterOrDigit(c))
                {
                    kept = char.ToLowerInvariant(c);
                }
                else
                {
                    continue;
                }

                length = Append(hash, chunk, bytes, length, kept);
            }

            length = Append(hash, chunk, bytes, length, ' ');
        }

        hash.AppendData(bytes[..Encoding.UTF8.GetBytes(chunk[..length], bytes)]);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        identities.Add("text:" + Convert.ToHexString(digest[..16]));
        return identities;

        // Appends c to the chunk, hashing the chunk first when it is full; returns the chunk's new length.
        static int Append(IncrementalHash hash, Span<char> chunk, Span<byte> bytes, int length, char c)
        {
            if (length == chunk.Length)
            {
                hash.AppendData(bytes[..Encoding.UTF8.GetBytes(chunk, bytes)]);
                length = 0;
            }

            chunk[length] = c;
            return length + 1;
        }
    }
}
