namespace Newsroom.Answers.Tests;

/// <summary>The same story in two files (a feed and a saved page, a re-export) is indexed once.</summary>
public sealed class DuplicateArticleTests
{
    private const string Story = "The bridge closes on Monday for repairs.\n\nTraffic will use the ferry.";

    [Fact]
    public void The_same_text_in_two_files_is_indexed_once_and_the_earlier_key_wins()
    {
        using var corpus = new TestCorpus();
        corpus.Write("b-copy.txt", "Bridge closes (copy)\n\n" + Story);
        corpus.Write("a-original.txt", "Bridge closes\n\n" + Story);

        var report = corpus.Sync();

        var duplicate = Assert.Single(report.Duplicates);
        Assert.Equal(("b-copy.txt", "a-original.txt"), (duplicate.Key, duplicate.DuplicateOf));
        Assert.Equal((1, 2), (report.Articles, report.Sentences));
        var answer = corpus.Answerer().Ask("When does the bridge close for repairs?");
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, citation => Assert.Equal("a-original.txt", citation.ArticleKey));
    }

    [Fact]
    public void Two_items_with_the_same_link_are_indexed_once()
    {
        using var corpus = new TestCorpus();
        corpus.Write("feed.json", """
            [ { "title": "Bridge closes", "url": "https://example.com/bridge", "body": "The bridge closes on Monday." },
              { "title": "Bridge closes, updated", "url": "https://EXAMPLE.com/bridge/", "body": "The bridge closes on Tuesday." } ]
            """);

        var report = corpus.Sync();

        Assert.Equal("feed.json#1", Assert.Single(report.Duplicates).Key);
        Assert.Equal(1, report.Articles);
    }

    [Fact]
    public void Deleting_the_original_brings_its_duplicate_into_the_index()
    {
        using var corpus = new TestCorpus();
        var original = corpus.Write("a.txt", "Bridge closes\n\n" + Story);
        corpus.Write("b.txt", "Bridge closes again\n\n" + Story);
        corpus.Sync();

        File.Delete(original);
        var report = corpus.Sync();

        Assert.Empty(report.Duplicates);
        var answer = corpus.Answerer().Ask("When does the bridge close for repairs?");
        Assert.Equal("b.txt", answer.Citations[0].ArticleKey);
    }

    [Fact]
    public void Editing_a_collection_file_replaces_all_of_its_articles_and_deleting_it_removes_them()
    {
        using var corpus = new TestCorpus();
        var path = corpus.Write("wire.jsonl", """
            {"title": "Storm nears coast", "body": "A storm reaches the coast on Friday."}
            {"title": "Ferry halted", "body": "The ferry is halted until the storm passes."}
            """);
        corpus.Sync();

        corpus.Write("wire.jsonl", """{"title": "Storm nears coast", "body": "A storm reaches the coast on Saturday."}""");
        var updated = corpus.Sync();
        var afterUpdate = corpus.Answerer().Ask("When does the storm reach the coast?");
        var ferryAfterUpdate = corpus.Answerer().Ask("Is the ferry halted?");
        File.Delete(path);
        var removed = corpus.Sync();

        Assert.Equal((1, 1), (updated.Articles, updated.Sentences));
        Assert.Contains("Saturday", Assert.Single(afterUpdate.Citations).Text);
        Assert.Empty(ferryAfterUpdate.Citations);
        Assert.Equal((0, 0), (removed.Articles, removed.Sentences));
    }

    [Fact]
    public void A_file_still_being_written_is_left_for_a_later_pass()
    {
        using var corpus = new TestCorpus();
        corpus.Write("a.txt", "Bridge closes\n\n" + Story);
        var indexer = new Indexing.CorpusIndexer(new Corpus.SentenceSplitter());

        var early = indexer.Synchronize(corpus.Corpus, corpus.Index, TimeSpan.FromMinutes(5), null);
        var later = indexer.Synchronize(corpus.Corpus, corpus.Index, TimeSpan.Zero, null);

        Assert.Equal((1, 0), (early.Deferred, early.Articles));
        Assert.Equal((0, 1), (later.Deferred, later.Articles));
    }
}
