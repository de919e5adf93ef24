using Newsroom.Testing;
using RAMDirectory = Lucene.Net.Store.RAMDirectory;

namespace Newsroom.Answers.Tests;

public sealed class CorpusIndexerTests
{
    [Fact]
    public void An_unchanged_corpus_is_not_indexed_again()
    {
        using var corpus = TestCorpus.WithSeed();

        var second = corpus.Sync();

        Assert.False(second.Changed);
        Assert.Equal((0, 0, 1), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal(16, second.Sentences);
    }

    [Fact]
    public void An_edited_article_replaces_its_old_sentences()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Monday for repairs.");
        corpus.Sync();

        corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Friday for repairs.\n\nTraffic will use the ferry.");
        var report = corpus.Sync();

        Assert.Equal(1, report.Updated);
        Assert.Equal(2, report.Sentences);
        var answer = corpus.Answerer().Ask("When does the bridge close for repairs?");
        Assert.Contains("Friday", answer.Citations[0].Text);
        Assert.DoesNotContain(answer.Citations, c => c.Text.Contains("Monday", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deleted_article_is_no_longer_cited()
    {
        using var corpus = new TestCorpus();
        var path = corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Monday for repairs.");
        corpus.Write("b.txt", "Zoo opens\n\nThe city zoo opens a new panda house.");
        corpus.Sync();

        File.Delete(path);
        var report = corpus.Sync();

        Assert.Equal((1, 1), (report.Removed, report.Articles));
        Assert.Empty(corpus.Answerer().Ask("When does the bridge close for repairs?").Citations);
    }

    [Fact]
    public void A_pass_over_the_changed_paths_adds_edits_and_removes_just_those_and_keeps_the_rest()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Monday for repairs.");
        var zoo = corpus.Write("b.txt", "Zoo opens\n\nThe city zoo opens a new panda house.");
        var folder = Path.Combine(corpus.Folder, "sport");
        corpus.Write("sport/c.txt", "Cup final\n\nThe harbour team won the cup final on penalties.");
        corpus.Sync();

        var ferry = corpus.Write("d.txt", "Ferry added\n\nA night ferry will carry commuters across the bay.");
        File.Delete(zoo);
        Directory.Delete(folder, recursive: true);
        var report = corpus.SyncChanged(ferry, zoo, folder);

        Assert.Equal((1, 2), (report.Added, report.Removed));
        Assert.Equal(2, report.Articles); // the bridge, untouched, and the ferry
        var answerer = corpus.Answerer();
        Assert.Contains("night ferry", answerer.Ask("Which ferry will carry commuters across the bay?").Citations[0].Text, StringComparison.Ordinal);
        Assert.Contains("Monday", answerer.Ask("When does the bridge close for repairs?").Citations[0].Text, StringComparison.Ordinal);
        Assert.Empty(answerer.Ask("What does the city zoo open?").Citations);
        Assert.Empty(answerer.Ask("Who won the cup final on penalties?").Citations);

        // A file changed without its path being reported waits for the next full pass (the watcher's rescan).
        corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Friday for repairs.");
        Assert.Equal(0, corpus.SyncChanged(ferry).Updated);
        Assert.Contains("Monday", corpus.Answerer().Ask("When does the bridge close for repairs?").Citations[0].Text, StringComparison.Ordinal);
        var full = corpus.Sync();
        Assert.Equal((1, 0, 0), (full.Updated, full.Added, full.Removed));
        Assert.Contains("Friday", corpus.Answerer().Ask("When does the bridge close for repairs?").Citations[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_is_reported_by_name_and_the_rest_is_indexed()
    {
        using var corpus = new TestCorpus();
        corpus.Write("good.txt", "Bridge closes\n\nThe bridge closes on Monday for repairs.");
        corpus.WriteBytes("broken.txt", [0x00, 0xFF, 0x10, 0x00]);

        var report = corpus.Sync();

        Assert.Equal(1, report.Articles);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal("broken.txt", skipped.Key);
        Assert.Contains("binary", skipped.Reason);
    }

    [Fact]
    public void An_article_that_turns_unreadable_keeps_its_last_good_version()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Monday for repairs.");
        corpus.Sync();

        corpus.WriteBytes("a.txt", [0x00, 0x01, 0x02]);
        var report = corpus.Sync();

        Assert.Single(report.Skipped);
        Assert.Equal(1, report.Articles);
        Assert.NotEmpty(corpus.Answerer().Ask("When does the bridge close for repairs?").Citations);
    }

    [Fact]
    public void A_byte_changed_inside_an_index_file_is_found_when_the_index_is_opened()
    {
        var indexFolder = Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        using var corpus = TestCorpus.WithSeed();
        try
        {
            using (var first = Indexing.ArticleIndex.OpenFolder(indexFolder, new Indexing.NewsAnalyzer()))
            {
                new Indexing.CorpusIndexer(new Corpus.SentenceSplitter()).Synchronize(corpus.Corpus, first);
            }

            using (var clean = Indexing.ArticleIndex.OpenFolder(indexFolder, new Indexing.NewsAnalyzer(), out var none))
            {
                Assert.Null(none);
                Assert.Equal(16, clean.SentenceCount);
            }

            // The largest file of the segment (its compound file, or its stored sentences).
            var file = Directory.GetFiles(indexFolder, "_*").OrderByDescending(f => new FileInfo(f).Length).First();
            var bytes = File.ReadAllBytes(file);
            bytes[bytes.Length / 2] ^= 0x5A; // one byte in the middle: length and footer intact
            File.WriteAllBytes(file, bytes);

            using var damaged = Indexing.ArticleIndex.OpenFolder(indexFolder, new Indexing.NewsAnalyzer(), out var damage);

            Assert.NotNull(damage);
            Assert.True(damaged.WasRecreated);
        }
        finally
        {
            Directory.Delete(indexFolder, recursive: true);
        }
    }

    [Fact]
    public void An_index_on_disk_is_reused_by_the_next_process()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Monday for repairs.");

        AcrossARestart(
            first => Assert.Equal(1, new Indexing.CorpusIndexer(new Corpus.SentenceSplitter()).Synchronize(corpus.Corpus, first).Added),
            second =>
            {
                var report = new Indexing.CorpusIndexer(new Corpus.SentenceSplitter()).Synchronize(corpus.Corpus, second);
                Assert.Equal((0, 1, 1), (report.Added, report.Unchanged, report.Sentences));
            });
    }

    [Fact]
    public void A_reopened_index_remembers_exactly_the_files_its_last_commit_covered()
    {
        using var corpus = new TestCorpus();
        var indexer = new Indexing.CorpusIndexer(new Corpus.SentenceSplitter());
        corpus.Write("a.txt", "Bridge closes\n\nThe bridge closes on Monday for repairs.");
        corpus.Write("b.txt", "Zoo opens\n\nThe city zoo opens a new panda house.");
        var gone = corpus.Write("c.txt", "Ferry returns\n\nThe ferry returns to the island in May.");

        AcrossARestart(
            first =>
            {
                indexer.Synchronize(corpus.Corpus, first);
                corpus.Write("b.txt", "Zoo opens\n\nThe city zoo opens a new panda house.\n\nTickets go on sale on Friday.");
                File.Delete(gone);
                corpus.Write("d.txt", "Market moves\n\nThe farmers market moves to the harbour.");
                var report = indexer.Synchronize(corpus.Corpus, first);
                Assert.Equal((1, 1, 1), (report.Added, report.Updated, report.Removed));
            },
            second =>
            {
                var again = indexer.Synchronize(corpus.Corpus, second);

                Assert.Equal(["a.txt", "b.txt", "d.txt"], second.Manifest.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(2, second.Manifest["b.txt"].Sentences);
                Assert.Equal((0, 0, 0, 3), (again.Added, again.Updated, again.Removed, again.Unchanged));
                Assert.Equal(4, again.Sentences);
            });
    }

    [Fact]
    public void A_wire_file_of_hundreds_of_articles_is_remembered_whole_after_a_restart()
    {
        using var corpus = new TestCorpus();
        var lines = Enumerable.Range(1, 400).Select(i =>
            $$"""{"title": "{{SyntheticCorpus.Name(i)}} update", "url": "https://example.com/wire/{{i}}", "body": "The {{SyntheticCorpus.Name(i)}} council met on day {{i}}."}""");
        corpus.Write("wire.jsonl", string.Join('\n', lines));
        var indexer = new Indexing.CorpusIndexer(new Corpus.SentenceSplitter());

        AcrossARestart(
            first => Assert.Equal(400, indexer.Synchronize(corpus.Corpus, first).Articles),
            second =>
            {
                var again = indexer.Synchronize(corpus.Corpus, second);

                Assert.Equal(400, second.Manifest["wire.jsonl"].Articles.Count);
                // Longer than Lucene lets a term or a doc-values entry of its older codecs be (32,766 bytes).
                Assert.True(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(second.Manifest["wire.jsonl"]).Length > 32_766);
                Assert.Equal((0, 1, 400, 400), (again.Updated, again.Unchanged, again.Articles, again.Sentences));
            });
    }

    [Fact]
    public void Publishing_one_article_into_a_large_archive_writes_about_one_article_not_the_archive()
    {
        using var corpus = new TestCorpus();
        var disk = new CountingDirectory(new RAMDirectory());
        using var index = new Indexing.ArticleIndex(disk, new Indexing.NewsAnalyzer());
        var indexer = new Indexing.CorpusIndexer(new Corpus.SentenceSplitter());
        SyntheticCorpus.Write(corpus.Folder, first: 1, count: 1500, sentences: 3);
        indexer.Synchronize(corpus.Corpus, index);
        var archive = disk.BytesWritten;

        disk.BytesWritten = 0;
        var story = SyntheticCorpus.Write(corpus.Folder, first: 5000, count: 1, sentences: 3)[0];
        var report = indexer.Synchronize(corpus.Corpus, index);

        Assert.Equal(1, report.Added);
        Assert.Contains(story.AnswerWord, new Answering.QuestionAnswerer(index, TestCorpus.DefaultOptions()).Ask(story.Question).Citations[0].Text);
        // The file list of 1,500 files alone is tens of kilobytes; one article and a commit are a few.
        Assert.True(disk.BytesWritten < 16 * 1024, $"{disk.BytesWritten:N0} bytes written for one new article (the first build of 1,500 wrote {archive:N0})");
    }

    /// <summary>
    /// Runs <paramref name="first"/> on an index in a new folder on disk, closes it, then runs
    /// <paramref name="next"/> on the same folder opened again, as the next process would.
    /// </summary>
    private static void AcrossARestart(Action<Indexing.ArticleIndex> first, Action<Indexing.ArticleIndex> next)
    {
        var indexFolder = Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        try
        {
            using (var index = Indexing.ArticleIndex.OpenFolder(indexFolder, new Indexing.NewsAnalyzer()))
            {
                first(index);
            }

            using (var index = Indexing.ArticleIndex.OpenFolder(indexFolder, new Indexing.NewsAnalyzer()))
            {
                next(index);
            }
        }
        finally
        {
            Directory.Delete(indexFolder, recursive: true);
        }
    }

    /// <summary>A directory that counts the bytes written through it.</summary>
    private sealed class CountingDirectory(Lucene.Net.Store.Directory inner) : WatchedDirectory(inner)
    {
        private long _written;

        public long BytesWritten
        {
            get => Interlocked.Read(ref _written);
            set => Interlocked.Exchange(ref _written, value);
        }

        protected override void BeforeWrite(long bytes) => Interlocked.Add(ref _written, bytes);
    }
}
