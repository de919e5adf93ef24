using Lucene.Net.Analysis;
using Lucene.Net.Codecs;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Newsroom.Answers.Retrieval;
using System.Text.Json;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Newsroom.Answers.Indexing;

/// <summary>
/// The Lucene index of sentences. Owns the directory, the one <see cref="IndexWriter"/> and a
/// <see cref="SearcherManager"/>; searches borrow a searcher for their duration. The manifest of
/// indexed files is kept in the index too, one small bookkeeping document per corpus file (no
/// sentence text, so no question finds it), so it is exactly as current as the sentences it
/// describes (both are written by the same atomic commit) and a commit writes only the entries
/// that changed. (Kept in the commit's user data instead, the whole manifest, megabytes at a million
/// sentences, would be serialised on every commit and held in memory by every reader.)
/// </summary>
internal sealed class ArticleIndex : IDisposable
{
    private const string SchemaKey = "newsroom.schema";

    /// <summary>The corpus file a bookkeeping document describes (untokenised, not stored); sentences never have it.</summary>
    private const string ManifestFile = "manifest_file";

    /// <summary>
    /// The file's <see cref="ManifestEntry"/> as UTF-8 JSON, in binary doc values: read back at open
    /// without decompressing stored fields (as a stored field, reading 29,000 files' entries takes about 2 s).
    /// </summary>
    private const string ManifestEntryField = "manifest_entry";

    private readonly LuceneDirectory _directory;
    private readonly object _commitLock = new();

    // Replaced together, under _commitLock, only when uncommitted changes are thrown away (DiscardChanges).
    private IndexWriter _writer;
    private SearcherManager _searchers = null!;

    /// <summary>True from the first change after a commit until the next commit or discard.</summary>
    private volatile bool _uncommitted;

    /// <summary>True while the index on disk is to be replaced by a new one (older schema, damaged) and no commit has done it yet.</summary>
    private bool _replacePending;
    private Lazy<IReadOnlyDictionary<string, ManifestEntry>> _manifest;
    private DateTimeOffset? _lastCommit;
    private volatile string? _damage;

    /// <summary>Opens (or creates) the index in <paramref name="directory"/>; the index owns and disposes it.</summary>
    public ArticleIndex(LuceneDirectory directory, Analyzer analyzer)
        : this(directory, analyzer, encoder: null, OpenMode.CREATE_OR_APPEND)
    {
    }

    /// <summary>
    /// Opens (or creates) the index in <paramref name="directory"/>, whose sentences carry meaning
    /// vectors from <paramref name="encoder"/> when there is one; the index owns and disposes the directory.
    /// </summary>
    public ArticleIndex(LuceneDirectory directory, Analyzer analyzer, ISentenceEncoder? encoder)
        : this(directory, analyzer, encoder, OpenMode.CREATE_OR_APPEND)
    {
    }

    private ArticleIndex(LuceneDirectory directory, Analyzer analyzer, ISentenceEncoder? encoder, OpenMode mode)
    {
        _directory = directory;
        Analyzer = analyzer;
        Encoder = encoder;
        Schema = encoder is null ? SentenceFields.SchemaVersion : $"{SentenceFields.SchemaVersion}+{encoder.Name}";
        _writer = new IndexWriter(directory, WriterConfig(mode));
        try
        {
            (_manifest, _searchers, WasReset) = Open(_writer, mode);
            _replacePending = mode == OpenMode.CREATE || WasReset;
        }
        catch
        {
            // Release write.lock, or the rebuild that follows could not take it.
            _writer.Dispose();
            throw;
        }
    }

    private IndexWriterConfig WriterConfig(OpenMode mode) =>
        new(NewsAnalyzer.Version, Analyzer)
        {
            OpenMode = mode,
            Similarity = Similarity,
            // Four times Lucene's 16 MB before a flush: a first build writes fewer, larger segments and
            // merges less, about a fifth faster at 1,000,000 sentences (no difference at 100,000).
            // Only a bulk build fills it.
            RAMBufferSizeMB = 64,

            // No compound files: Lucene would copy every new segment's files into one more file (4.5 %
            // of the CPU time of indexing a million sentences, perf). The cost is a dozen files per
            // segment instead of two: 74 files for a million sentences.
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
        };

    private (Lazy<IReadOnlyDictionary<string, ManifestEntry>> Manifest, SearcherManager Searchers, bool WasReset) Open(IndexWriter writer, OpenMode mode)
    {
        var wasReset = false;
        // A new index has no manifest, even though Lucene keeps the commit data of the one it replaces
        // until the first commit: a rebuilt index would otherwise believe it had every file.
        var commitData = mode == OpenMode.CREATE ? new Dictionary<string, string>() : writer.CommitData ?? new Dictionary<string, string>();
        var sameSchema = commitData.TryGetValue(SchemaKey, out var schema) && schema == Schema;
        if (!sameSchema && writer.NumDocs > 0)
        {
            // Sentences analysed another way would never match today's questions: start again.
            writer.DeleteAll();
            wasReset = true;
        }

        var searchers = new SearcherManager(writer, applyAllDeletes: true, new SimilaritySearcherFactory(Similarity));
        Lazy<IReadOnlyDictionary<string, ManifestEntry>> manifest;
        try
        {
            // Verify every file's checksum once at open (one sequential read of the index): a
            // truncated or overwritten file fails here, at start-up, not in the middle of a question.
            if (mode != OpenMode.CREATE && !wasReset)
            {
                CheckIntegrity(searchers);
            }

            // Read when first needed (the first indexing pass, in the background), not at open: at a
            // million sentences the 29,000 files' entries take half a second, and answering needs
            // none of them. Searchers are refreshed only by a commit, which replaces this manifest
            // with its own, so whenever it is read the searchers still show the commit it describes.
            // A read that fails (the searchers replaced under it) is not remembered: the next one reads again.
            manifest = sameSchema
                ? new(() => ReadManifest(Volatile.Read(ref _searchers)), LazyThreadSafetyMode.PublicationOnly)
                : new(new Dictionary<string, ManifestEntry>(StringComparer.Ordinal));
        }
        catch
        {
            searchers.Dispose();
            throw;
        }

        return (manifest, searchers, wasReset);
    }

    /// <summary>The manifest the bookkeeping documents hold.</summary>
    private static Dictionary<string, ManifestEntry> ReadManifest(SearcherManager searchers)
    {
        var manifest = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        var searcher = searchers.Acquire();
        try
        {
            var json = new BytesRef();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                if (reader.GetTerms(ManifestFile) is not { } terms || reader.GetBinaryDocValues(ManifestEntryField) is not { } entries)
                {
                    continue;
                }

                var keys = terms.GetEnumerator();
                DocsEnum? postings = null;
                while (keys.MoveNext())
                {
                    postings = keys.Docs(reader.LiveDocs, postings, DocsFlags.NONE);
                    for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
                    {
                        entries.Get(doc, json);
                        if (JsonSerializer.Deserialize<ManifestEntry>(json.Bytes.AsSpan(json.Offset, json.Length)) is { } entry)
                        {
                            manifest[keys.Term.Utf8ToString()] = entry;
                        }
                    }
                }
            }
        }
        finally
        {
            searchers.Release(searcher);
        }

        return manifest;
    }

    /// <summary>
    /// Reads every file of the last commit once and checks its checksum. On disk this reads through
    /// plain file reads (NIOFSDirectory), not the memory map the searchers use: mapped pages touched
    /// count in the process's resident memory, and reading a whole index through the map made a
    /// freshly started bot look as big as its index (tests/Benchmarks, peak memory at 1,000,000 sentences).
    /// </summary>
    private void CheckIntegrity(SearcherManager searchers)
    {
        if (_directory is FSDirectory onDisk)
        {
            using var plain = new NIOFSDirectory(onDisk.Directory, NoLockFactory.GetNoLockFactory());
            if (!DirectoryReader.IndexExists(plain) || FootersCheckOut(searchers, onDisk.Directory.FullName))
            {
                return;
            }

            // Something did not check out (or a file has no footer we know): Lucene's own check decides, and says what is wrong.
            using var reader = DirectoryReader.Open(plain);
            foreach (var leaf in reader.Leaves)
            {
                leaf.AtomicReader.CheckIntegrity();
            }

            return;
        }

        var searcher = searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                leaf.AtomicReader.CheckIntegrity();
            }
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// True when every file of the last commit ends with Lucene's codec footer and its CRC-32 matches
    /// the file's bytes: the same test as Lucene's <c>CheckIntegrity</c>, read with large buffers and a
    /// hardware CRC on both cores (Lucene.Net's reads of 1 kB made this 70 % of start-up at 1,000,000
    /// sentences). False means "not proven good", never "damaged": Lucene's own check then decides.
    /// </summary>
    private static bool FootersCheckOut(SearcherManager searchers, string folder)
    {
        // The files of the commit the searchers opened (asking the reader, not reading segments_N again).
        ICollection<string> files;
        var searcher = searchers.Acquire();
        try
        {
            if (searcher.IndexReader is not DirectoryReader reader)
            {
                return false;
            }

            files = reader.IndexCommit.FileNames;
        }
        finally
        {
            searchers.Release(searcher);
        }

        var good = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, name =>
        {
            if (FooterChecksOut(System.IO.Path.Combine(folder, name)))
            {
                Interlocked.Increment(ref good);
            }
        });
        return good == files.Count;
    }

    private static bool FooterChecksOut(string path)
    {
        const int FooterLength = 16; // magic, algorithm id, CRC-32 as a long (CodecUtil.WriteFooter)
        var footerMagic = ~(uint)CodecUtil.CODEC_MAGIC;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            var length = file.Length;
            if (length < FooterLength)
            {
                return false;
            }

            var crc = new System.IO.Hashing.Crc32();
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                var left = length - 8; // the checksum covers everything before its own 8 bytes
                while (left > 0)
                {
                    var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (read <= 0)
                    {
                        return false;
                    }

                    crc.Append(buffer.AsSpan(0, read));
                    left -= read;
                }

                file.Position = length - FooterLength;
                file.ReadExactly(buffer, 0, FooterLength);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }

            var footer = buffer.AsSpan(0, FooterLength);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(footer) == footerMagic
                && System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(footer[4..]) == 0
                && System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(footer[8..]) == crc.GetCurrentHashAsUInt32();
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Opens the index in a folder on disk, creating the folder if needed.</summary>
    public static ArticleIndex OpenFolder(string path, Analyzer analyzer) => OpenFolder(path, analyzer, encoder: null, out _);

    /// <inheritdoc cref="OpenFolder(string, Analyzer, ISentenceEncoder?, out string?)"/>
    public static ArticleIndex OpenFolder(string path, Analyzer analyzer, out string? damage) => OpenFolder(path, analyzer, encoder: null, out damage);

    /// <summary>
    /// Opens the index in a folder on disk, creating the folder if needed. An index that cannot be
    /// opened (files missing, truncated or garbled) is replaced by an empty one, to be rebuilt from
    /// the corpus; <paramref name="damage"/> then says what was wrong. An index locked by another
    /// live process is not damage: that throws <see cref="IndexInUseException"/>.
    /// </summary>
    public static ArticleIndex OpenFolder(string path, Analyzer analyzer, ISentenceEncoder? encoder, out string? damage)
    {
        try
        {
            return OpenOrReplace(path, analyzer, encoder, out damage);
        }
        catch (LockObtainFailedException locked)
        {
            throw new IndexInUseException(path, locked);
        }
    }

    private static ArticleIndex OpenOrReplace(string path, Analyzer analyzer, ISentenceEncoder? encoder, out string? damage)
    {
        System.IO.Directory.CreateDirectory(path);
        damage = null;
        var directory = new HybridDirectory(new DirectoryInfo(path));
        try
        {
            return new ArticleIndex(directory, analyzer, encoder);
        }
        catch (Exception e) when (e is not LockObtainFailedException and not OutOfMemoryException)
        {
            damage = $"{e.GetType().Name}: {e.Message}";
        }

        try
        {
            // CREATE starts a fresh index without trusting the damaged one; Lucene deletes the old files.
            return new ArticleIndex(directory, analyzer, encoder, OpenMode.CREATE) { WasRecreated = true };
        }
        catch (Exception e) when (e is not LockObtainFailedException and not OutOfMemoryException)
        {
            // Damage bad enough that even CREATE trips over the old commit files: remove Lucene's
            // files (only those: "segments*", "_*", write.lock) and start from an empty folder.
            foreach (var file in System.IO.Directory.EnumerateFiles(path))
            {
                var name = System.IO.Path.GetFileName(file);
                if (name.StartsWith("segments", StringComparison.Ordinal) || name.StartsWith('_') || name == IndexWriter.WRITE_LOCK_NAME)
                {
                    File.Delete(file);
                }
            }
        }

        try
        {
            return new ArticleIndex(directory, analyzer, encoder, OpenMode.CREATE) { WasRecreated = true };
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Opens an index in memory (tests, evaluation).</summary>
    public static ArticleIndex InMemory(Analyzer analyzer) => new(new RAMDirectory(), analyzer);

    /// <summary>Opens an index in memory whose sentences carry meaning vectors from <paramref name="encoder"/> (tests, evaluation).</summary>
    public static ArticleIndex InMemory(Analyzer analyzer, ISentenceEncoder? encoder) => new(new RAMDirectory(), analyzer, encoder);

    /// <summary>The analyzer the sentences were indexed with; questions must use the same.</summary>
    public Analyzer Analyzer { get; }

    /// <summary>The model that gave every sentence its meaning vector, or null: questions must be encoded by the same.</summary>
    public ISentenceEncoder? Encoder { get; }

    /// <summary>The schema written with every commit: <see cref="SentenceFields.SchemaVersion"/>, and the encoder's name when there is one.</summary>
    private string Schema { get; }

    /// <summary>BM25 as Lucene ships it, counting sentences only: short sentence documents suit its length normalisation.</summary>
    public Similarity Similarity { get; } = new SentenceSimilarity();

    /// <summary>True when an index of an older schema was found and emptied on open.</summary>
    public bool WasReset { get; }

    /// <summary>True when the index on disk could not be opened, or was found damaged, and an empty one was created in its place.</summary>
    public bool WasRecreated { get; private set; }

    /// <summary>
    /// What is wrong with the index on disk while it is open, or null when nothing is: a file of the
    /// commit being served is gone (deleted or moved away by someone else). The searchers keep
    /// reading the files they have open, but the next commit would build on files that are not
    /// there, and every later pass would count the lost articles as unchanged. One directory
    /// listing: cheap enough for every health check. An index in memory is never damaged this way.
    /// </summary>
    public string? FindDamage()
    {
        if (_directory is not FSDirectory onDisk)
        {
            return null;
        }

        // Under the commit lock, so a commit that has deleted the files of the commit before it, and
        // not yet refreshed the searchers, is not taken for damage; while a commit runs, the last
        // finding stands.
        if (!Monitor.TryEnter(_commitLock))
        {
            return _damage;
        }

        try
        {
            var folder = onDisk.Directory.FullName;
            var files = Search(searcher => searcher.IndexReader is DirectoryReader reader && !string.IsNullOrEmpty(reader.IndexCommit?.SegmentsFileName)
                ? reader.IndexCommit.FileNames.ToList()
                : []);
            var missing = files.Count(name => !File.Exists(System.IO.Path.Combine(folder, name)));
            _damage = missing == 0 ? null : $"{missing} of the {files.Count} files of the last commit are missing";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _damage = $"its files cannot be read ({e.GetType().Name})";
        }
        finally
        {
            Monitor.Exit(_commitLock);
        }

        return _damage;
    }

    /// <summary>
    /// Replaces a damaged index (see <see cref="FindDamage"/>) by an empty one, to be rebuilt from the
    /// corpus by the next pass: the writer is thrown away without writing and a new one creates the
    /// index afresh, as opening a damaged index does. Searches see an empty index from here on.
    /// </summary>
    public void Recreate()
    {
        lock (_commitLock)
        {
            try
            {
                _writer.Rollback();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Its files are gone already; the new writer starts without them.
            }

            var writer = new IndexWriter(_directory, WriterConfig(OpenMode.CREATE));
            SearcherManager searchers;
            try
            {
                searchers = new SearcherManager(writer, applyAllDeletes: true, new SimilaritySearcherFactory(Similarity));
            }
            catch
            {
                writer.Rollback();
                throw;
            }

            var old = _searchers;
            _writer = writer;
            Volatile.Write(ref _searchers, searchers);
            Volatile.Write(ref _manifest, new Lazy<IReadOnlyDictionary<string, ManifestEntry>>(new Dictionary<string, ManifestEntry>(StringComparer.Ordinal)));
            _replacePending = true;
            _uncommitted = true;
            WasRecreated = true;
            _damage = null;
            old.Dispose();
        }
    }

    /// <summary>The corpus files the last commit covers.</summary>
    public IReadOnlyDictionary<string, ManifestEntry> Manifest => Volatile.Read(ref _manifest).Value;

    /// <summary>Replaces all sentences of the article <paramref name="key"/> with <paramref name="sentences"/> (not visible until <see cref="Commit"/>).</summary>
    public void Replace(string key, IEnumerable<Document> sentences)
    {
        _uncommitted = true;
        _writer.UpdateDocuments(new Term(SentenceFields.Article, key), sentences);
    }

    /// <summary>Replaces every article of the corpus file <paramref name="fileKey"/> with <paramref name="sentences"/> (not visible until <see cref="Commit"/>).</summary>
    public void ReplaceFile(string fileKey, IEnumerable<Document> sentences)
    {
        // Deleted and added in one go as far as searches can tell: they see neither until Commit.
        DeleteFile(fileKey);
        _writer.AddDocuments(sentences);
    }

    /// <summary>
    /// Adds the sentences of a corpus file the index has never held (not visible until <see cref="Commit"/>).
    /// Cheaper than <see cref="ReplaceFile"/>: no delete term to apply at every flush, which on a first
    /// build of tens of thousands of files is a large share of the time.
    /// </summary>
    public void AddFile(IEnumerable<Document> sentences)
    {
        _uncommitted = true;
        _writer.AddDocuments(sentences);
    }

    /// <summary>Removes every article of the corpus file <paramref name="fileKey"/> (not visible until <see cref="Commit"/>).</summary>
    public void DeleteFile(string fileKey)
    {
        _uncommitted = true;
        _writer.DeleteDocuments(new Term(SentenceFields.File, fileKey), new Term(SentenceFields.Article, fileKey)); // see SentenceFields.File
    }

    /// <summary>Removes the article <paramref name="key"/> (not visible until <see cref="Commit"/>).</summary>
    public void Delete(string key)
    {
        _uncommitted = true;
        _writer.DeleteDocuments(new Term(SentenceFields.Article, key));
    }

    /// <summary>
    /// Makes all changes durable and visible to searches, together with the new manifest. Only the
    /// entries that differ from the last commit's are written (a new article costs one small document,
    /// whatever the size of the archive). When the commit fails (a full disk), every change since the
    /// last commit is discarded (<see cref="DiscardChanges"/>) and the exception rethrown: the index
    /// is as the last commit left it, and the next pass redoes the work.
    /// </summary>
    public void Commit(IReadOnlyDictionary<string, ManifestEntry> manifest)
    {
        lock (_commitLock)
        {
            try
            {
                WriteAndCommit(manifest);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                DiscardAfterFailure(failure);
                throw;
            }

            Volatile.Write(ref _manifest, new Lazy<IReadOnlyDictionary<string, ManifestEntry>>(manifest));
            _lastCommit = DateTimeOffset.UtcNow;
            _searchers.MaybeRefreshBlocking();
        }
    }

    /// <summary>
    /// Throws away every change made since the last commit: the sentences of a pass that failed half
    /// way (some already flushed to new segments, which the next commit would otherwise have made
    /// visible beside the same sentences added again by the pass that retries it). The writer is
    /// rolled back and a new one opened on the last commit; searches never saw the changes, and
    /// keep being served throughout.
    /// </summary>
    public void DiscardChanges()
    {
        lock (_commitLock)
        {
            if (!_uncommitted)
            {
                return;
            }

            // Rollback closes the writer (and is a no-op on one a failed discard already closed). The
            // new writer starts from the last commit, or from nothing when there is none yet or the
            // one on disk is being replaced (its sentences were made another way).
            _writer.Rollback();
            var writer = new IndexWriter(_directory, WriterConfig(_replacePending ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND));
            SearcherManager searchers;
            try
            {
                searchers = new SearcherManager(writer, applyAllDeletes: true, new SimilaritySearcherFactory(Similarity));
            }
            catch
            {
                writer.Rollback(); // closed without a commit: the last one stays as it is
                throw;
            }

            var old = _searchers;
            _writer = writer;
            Volatile.Write(ref _searchers, searchers);
            _uncommitted = _replacePending; // the replacement is itself a change the next commit makes
            old.Dispose(); // searches still holding one of its searchers release it as usual
        }
    }

    /// <summary>Discards after a failed write, keeping the failure as the exception that is reported.</summary>
    private void DiscardAfterFailure(Exception failure)
    {
        try
        {
            DiscardChanges();
        }
        catch (Exception discardFailure) when (discardFailure is not OutOfMemoryException)
        {
            throw new AggregateException("Writing the index failed, and so did discarding the changes; the next pass tries again.", failure, discardFailure);
        }
    }

    private void WriteAndCommit(IReadOnlyDictionary<string, ManifestEntry> manifest)
    {
        _uncommitted = true;
        var last = Manifest;
        foreach (var (key, entry) in manifest)
        {
            var known = last.TryGetValue(key, out var before);
            if (!known || before != entry)
            {
                var document = new Document
                {
                    new StringField(ManifestFile, key, Field.Store.NO),
                    new BinaryDocValuesField(ManifestEntryField, new BytesRef(JsonSerializer.SerializeToUtf8Bytes(entry))),
                };

                // A file has one entry. A file new to the index gets a plain add: each update is a
                // delete term looked up in every segment at commit, one per file on a first build
                // (29,000 at a million sentences). A file the last commit knew is updated. (A
                // failed commit leaves nothing behind in the writer: see DiscardChanges.)
                if (known)
                {
                    _writer.UpdateDocument(new Term(ManifestFile, key), document);
                }
                else
                {
                    _writer.AddDocument(document);
                }
            }
        }

        foreach (var key in last.Keys.Where(key => !manifest.ContainsKey(key)))
        {
            _writer.DeleteDocuments(new Term(ManifestFile, key));
        }

        _writer.SetCommitData(new Dictionary<string, string> { [SchemaKey] = Schema });
        _writer.Commit();
        _uncommitted = false;
        _replacePending = false;
    }

    /// <summary>Runs <paramref name="search"/> on a current searcher, released afterwards. Return plain data, not Lucene objects.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        var searchers = Volatile.Read(ref _searchers);
        IndexSearcher searcher;
        try
        {
            searcher = searchers.Acquire();
        }
        catch (ObjectDisposedException) when (!ReferenceEquals(searchers, Volatile.Read(ref _searchers)))
        {
            // Replaced by DiscardChanges between reading the field and acquiring: the new one serves.
            searchers = Volatile.Read(ref _searchers);
            searcher = searchers.Acquire();
        }

        try
        {
            return search(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>How many sentences are searchable now (the manifest's bookkeeping documents are not sentences).</summary>
    public int SentenceCount => Search(searcher =>
    {
        var bookkeeping = new TotalHitCountCollector();
        searcher.Search(new TermRangeQuery(ManifestFile, null, null, true, true), bookkeeping);
        return searcher.IndexReader.NumDocs - bookkeeping.TotalHits;
    });

    /// <summary>How many articles are searchable now (each indexed article has one lead sentence).</summary>
    public int ArticleCount => Search(searcher =>
    {
        var leads = new TotalHitCountCollector();
        searcher.Search(new TermQuery(new Term(SentenceFields.Lead, "1")), leads);
        return leads.TotalHits;
    });

    /// <summary>When the index last changed (its last commit), if it has been written.</summary>
    public DateTimeOffset? LastCommitUtc
    {
        get
        {
            var files = _directory.ListAll().Where(name => name.StartsWith("segments_", StringComparison.Ordinal)).ToList();
            return files.Count > 0 && _directory is FSDirectory fs
                ? files.Select(name => new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(fs.Directory.FullName, name)), TimeSpan.Zero)).Max()
                : _lastCommit;
        }
    }

    /// <summary>Bytes the index takes on disk (or in memory).</summary>
    public long SizeInBytes => _directory.ListAll().Sum(name =>
    {
        try
        {
            return _directory.FileLength(name);
        }
        catch (IOException)
        {
            return 0; // merged away while we counted
        }
    });

    /// <inheritdoc />
    public void Dispose()
    {
        // Reverse order of creation: searchers, then the writer (which releases write.lock), then the directory.
        _searchers.Dispose();
        if (_uncommitted)
        {
            // A pass stopped half way (the host shutting down): closing would commit its sentences
            // without their manifest entries, and the next start would add them again.
            _writer.Rollback();
        }
        else
        {
            _writer.Dispose();
        }

        _directory.Dispose();
    }

    private sealed class SimilaritySearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
