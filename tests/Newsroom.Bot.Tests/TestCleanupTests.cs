namespace Newsroom.Bot.Tests;

/// <summary>The test helpers delete what they create, so a test run leaves nothing in the temp folder.</summary>
public sealed class TestCleanupTests
{
    [Fact]
    public async Task A_test_host_deletes_its_corpus_index_and_feedback_folders()
    {
        var host = new BotHost();
        await using (host)
        {
            var reply = await host.CreateClient().GetAsync("/health");
            reply.EnsureSuccessStatusCode();
            Assert.NotEmpty(Directory.GetFiles(host.IndexFolder, "segments_*")); // it did index there
        }

        Assert.False(Directory.Exists(host.CorpusFolder), host.CorpusFolder);
        Assert.False(Directory.Exists(host.IndexFolder), host.IndexFolder);
        Assert.False(Directory.Exists(Path.GetDirectoryName(host.FeedbackFile)), host.FeedbackFile);
    }

    [Fact]
    public async Task A_test_host_leaves_an_index_folder_it_was_given_to_its_owner()
    {
        var given = Directory.CreateTempSubdirectory("newsroom-index-").FullName;
        try
        {
            await using (var host = new BotHost(given))
            {
                (await host.CreateClient().GetAsync("/health")).EnsureSuccessStatusCode();
            }

            Assert.NotEmpty(Directory.GetFiles(given, "segments_*"));
        }
        finally
        {
            Directory.Delete(given, recursive: true);
        }
    }

    [Fact]
    public async Task A_bot_harness_and_its_corpus_delete_their_files()
    {
        var corpus = new StrikeCorpus();
        var harness = new BotTestHarness(corpusFolder: corpus.Folder);
        await harness.Feedback.AppendAsync(new Feedback.FeedbackEntry(DateTimeOffset.UtcNow, "like", "q", [], null, "test", "a1"));
        Assert.True(File.Exists(harness.FeedbackFile));

        harness.Dispose();
        corpus.Dispose();

        Assert.False(File.Exists(harness.FeedbackFile), harness.FeedbackFile);
        Assert.False(Directory.Exists(corpus.Folder), corpus.Folder);
    }
}
