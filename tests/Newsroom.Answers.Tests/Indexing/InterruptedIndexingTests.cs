using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using Newsroom.Testing;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using RAMDirectory = Lucene.Net.Store.RAMDirectory;

namespace Newsroom.Answers.Tests;

/// <summary>
/// Indexing stopped half way (the host shutting down, the pass cancelled) leaves the index as its
/// last commit described it: the pass that runs next indexes every new sentence exactly once.
/// </summary>
public sealed class InterruptedIndexingTests
{
    [Fact]
    public void A_pass_cancelled_half_way_is_redone_by_the_next_without_sentences_indexed_twice()
    {
        using var corpus = new TestCorpus();
        var indexer = new CorpusIndexer(new SentenceSplitter());
        corpus.Write("000_47feea0d49ae04be.txt", TestCorpus.SeedText);
        indexer.Synchronize(corpus.Corpus, corpus.Index);
        var articles = SyntheticCorpus.Write(corpus.Folder, first: 1, count: 80, sentences: 20);

        using var stop = new CancellationTokenSource();
        var halfWay = new StopAfter(files: 40, stop);
        Assert.ThrowsAny<OperationCanceledException>(() => indexer.Synchronize(corpus.Corpus, corpus.Index, TimeSpan.Zero, halfWay, stop.Token));
        Assert.Equal(16, corpus.Index.SentenceCount);

        var report = indexer.Synchronize(corpus.Corpus, corpus.Index);

        Assert.Equal(80, report.Added);
        Assert.Equal(16 + 80 * 20, corpus.Index.SentenceCount);
        var citations = new QuestionAnswerer(corpus.Index, TestCorpus.DefaultOptions()).Ask(articles[3].Question).Citations;
        Assert.Contains(articles[3].AnswerWord, string.Concat(citations.Select(c => c.Text)));
        Assert.Equal(citations.Count, citations.Select(c => c.Text).Distinct().Count());
    }

    [Fact]
    public void An_index_closed_with_a_pass_unfinished_reopens_as_last_committed_and_catches_up_once()
    {
        var folder = Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        using var corpus = new TestCorpus();
        try
        {
            var indexer = new CorpusIndexer(new SentenceSplitter());
            corpus.Write("000_47feea0d49ae04be.txt", TestCorpus.SeedText);
            using (var index = ArticleIndex.OpenFolder(folder, new NewsAnalyzer()))
            {
                indexer.Synchronize(corpus.Corpus, index);

                // What a pass does before its commit, for a file the index has never held.
                SyntheticCorpus.Write(corpus.Folder, first: 1, count: 1, sentences: 20);
                var file = corpus.Corpus.ListFiles().Single(f => !index.Manifest.ContainsKey(f.Key));
                index.AddFile(corpus.Corpus.Read(file).Articles.SelectMany(a => SentenceDocuments.Build(a, new SentenceSplitter(), index.Analyzer, file.Key)).ToList());
            }

            using (var index = ArticleIndex.OpenFolder(folder, new NewsAnalyzer()))
            {
                Assert.Equal(16, index.SentenceCount);
                Assert.Single(index.Manifest);

                indexer.Synchronize(corpus.Corpus, index);

                Assert.Equal(16 + 20, index.SentenceCount);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_first_pass_that_fails_at_its_commit_leaves_an_empty_index_that_the_next_pass_fills()
    {
        using var corpus = new TestCorpus();
        var disk = new CommitFails(new RAMDirectory());
        using var index = new ArticleIndex(disk, new NewsAnalyzer());
        var indexer = new CorpusIndexer(new SentenceSplitter());
        corpus.Write("000_47feea0d49ae04be.txt", TestCorpus.SeedText);

        disk.FailNextCommit = true;
        Assert.ThrowsAny<Exception>(() => indexer.Synchronize(corpus.Corpus, index));
        Assert.Equal(0, index.SentenceCount);

        indexer.Synchronize(corpus.Corpus, index);

        Assert.Equal(16, index.SentenceCount);
    }

    [Fact]
    public void An_index_being_rebuilt_for_a_new_schema_does_not_get_its_old_sentences_back_when_the_first_pass_fails()
    {
        var folder = Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        using var corpus = new TestCorpus();
        try
        {
            var indexer = new CorpusIndexer(new SentenceSplitter());
            corpus.Write("000_47feea0d49ae04be.txt", TestCorpus.SeedText);
            using (var plain = ArticleIndex.OpenFolder(folder, new NewsAnalyzer()))
            {
                indexer.Synchronize(corpus.Corpus, plain);
            }

            // Another schema (here: sentences with meaning vectors): the old sentences are to go.
            var disk = new CommitFails(FSDirectory.Open(folder));
            using var index = new ArticleIndex(disk, new NewsAnalyzer(), new FixedEncoder());
            Assert.True(index.WasReset);
            disk.FailNextCommit = true;
            Assert.ThrowsAny<Exception>(() => indexer.Synchronize(corpus.Corpus, index));

            indexer.Synchronize(corpus.Corpus, index);

            Assert.Equal(16, index.SentenceCount);
            Assert.Equal(AnswerStatus.Answered, new QuestionAnswerer(index, TestCorpus.DefaultOptions()).Ask("Which countries did U.S. officials approach about deportation deals?").Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A meaning model that gives every text the same vector: enough to make an index of another schema.</summary>
    private sealed class FixedEncoder : ISentenceEncoder
    {
        public string Name => "fixed-test-vectors";

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts) => texts.Select(_ => new[] { 0.6f, 0.8f }).ToList();

        public float[] EncodeQuestion(string question) => [0.6f, 0.8f];
    }

    /// <summary>Progress that cancels the pass once <paramref name="files"/> files are done (reported on the indexing thread, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class StopAfter(int files, CancellationTokenSource stop) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            if (value.Done >= files)
            {
                stop.Cancel();
            }
        }
    }
}
