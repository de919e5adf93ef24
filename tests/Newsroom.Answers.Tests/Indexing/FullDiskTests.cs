using Lucene.Net.Store;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using Newsroom.Testing;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Newsroom.Answers.Tests;

/// <summary>
/// The disk fills up while new articles are being indexed: the pass fails with an IOException (the
/// host logs it and retries), the last committed index keeps being served unchanged, and once there
/// is room again the next pass indexes the new articles.
/// </summary>
public sealed class FullDiskTests
{
    private const string SeedQuestion = "Which countries did U.S. officials approach about deportation deals?";

    [Fact]
    public void A_full_disk_during_indexing_keeps_the_last_good_index_serving_and_the_next_pass_catches_up()
    {
        using var corpus = new TestCorpus();
        var disk = new FullDisk(new RAMDirectory());
        using var index = new ArticleIndex(disk, new NewsAnalyzer());
        var indexer = new CorpusIndexer(new SentenceSplitter());
        corpus.Write("000_47feea0d49ae04be.txt", TestCorpus.SeedText);
        indexer.Synchronize(corpus.Corpus, index);
        var manifest = index.Manifest;
        var articles = SyntheticCorpus.Write(corpus.Folder, first: 1, count: 300, sentences: 30);

        disk.BytesLeft = 64 * 1024;
        var failure = Record.Exception(() => indexer.Synchronize(corpus.Corpus, index));

        Assert.Contains("No space left on device", failure?.ToString());
        Assert.Same(manifest, index.Manifest);
        Assert.Equal(16, index.SentenceCount);
        var answerer = new QuestionAnswerer(index, TestCorpus.DefaultOptions());
        Assert.Equal(AnswerStatus.Answered, answerer.Ask(SeedQuestion).Status);

        disk.BytesLeft = long.MaxValue;
        var report = indexer.Synchronize(corpus.Corpus, index);

        Assert.Equal(301, report.Articles);
        Assert.Equal(16 + 300 * 30, report.Sentences);
        Assert.Contains(articles[5].AnswerWord, string.Concat(answerer.Ask(articles[5].Question).Citations.Select(c => c.Text)));
        Assert.Equal(AnswerStatus.Answered, answerer.Ask(SeedQuestion).Status);
    }

    [Fact]
    public void A_commit_that_fails_after_the_new_sentences_were_written_does_not_leave_them_to_be_indexed_twice()
    {
        using var corpus = new TestCorpus();
        var disk = new CommitFails(new RAMDirectory());
        using var index = new ArticleIndex(disk, new NewsAnalyzer());
        var indexer = new CorpusIndexer(new SentenceSplitter());
        corpus.Write("000_47feea0d49ae04be.txt", TestCorpus.SeedText);
        indexer.Synchronize(corpus.Corpus, index);
        var articles = SyntheticCorpus.Write(corpus.Folder, first: 1, count: 50, sentences: 30);

        // The sentences are flushed to their segment; writing the commit point that names it fails.
        disk.FailNextCommit = true;
        var failure = Record.Exception(() => indexer.Synchronize(corpus.Corpus, index));
        Assert.Contains("No space left on device", failure?.ToString());
        Assert.Equal(16, index.SentenceCount);

        var report = indexer.Synchronize(corpus.Corpus, index);

        Assert.Equal(16 + 50 * 30, report.Sentences);
        Assert.Equal(16 + 50 * 30, index.SentenceCount);
        var answerer = new QuestionAnswerer(index, TestCorpus.DefaultOptions());
        var citations = answerer.Ask(articles[7].Question).Citations;
        Assert.Contains(articles[7].AnswerWord, string.Concat(citations.Select(c => c.Text)));
        Assert.Equal(citations.Count, citations.Select(c => c.Text).Distinct().Count());
    }

    /// <summary>A directory whose disk has <see cref="BytesLeft"/> bytes free: writing past them throws as a full disk does.</summary>
    private sealed class FullDisk(LuceneDirectory inner) : WatchedDirectory(inner)
    {
        private long _bytesLeft = long.MaxValue;

        public long BytesLeft
        {
            get => Interlocked.Read(ref _bytesLeft);
            set => Interlocked.Exchange(ref _bytesLeft, value);
        }

        protected override void BeforeWrite(long bytes)
        {
            if (Interlocked.Add(ref _bytesLeft, -bytes) < 0)
            {
                Interlocked.Add(ref _bytesLeft, bytes);
                throw new IOException("No space left on device");
            }
        }
    }
}
