using Lucene.Net.Index;
using Lucene.Net.Store;
using Newsroom.Testing;
using System.Net;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The real host as a child process, killed with SIGKILL in the middle of indexing and started on
/// an index damaged or deleted while it was stopped. A corpus of a few thousand generated articles
/// makes indexing take long enough to be interrupted.
/// </summary>
public sealed class CrashRecoveryTests(CrashRecoveryTests.LargeCorpus large) : IClassFixture<CrashRecoveryTests.LargeCorpus>
{
    private const string SeedQuestion = "Which countries did U.S. officials approach about deportation deals?";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Killed_mid_indexing_the_next_start_serves_the_last_commit_at_once_and_finishes_the_update()
    {
        using var folders = new Folders();
        File.Copy(Path.Combine(Repository.Corpus, "000_47feea0d49ae04be.txt"), Path.Combine(folders.Corpus, "000_47feea0d49ae04be.txt"));
        await using (var first = BotProcess.Start(folders.Corpus, folders.Index))
        {
            await first.WaitForHealthAsync(h => (bool)h["ready"]! && (int)h["articles"]! == 1, Generous);
        }

        var committed = Commits(folders.Index);
        large.CopyTo(folders.Corpus);
        await using (var second = BotProcess.Start(folders.Corpus, folders.Index))
        {
            await second.WaitForLogAsync("Synchronizing the index", Generous);
            await Task.Delay(500);
            Assert.DoesNotContain("added,", second.Log); // the pass is still running: the kill interrupts it
            second.KillHard();
        }

        Assert.True(File.Exists(Path.Combine(folders.Index, IndexWriter.WRITE_LOCK_NAME)), "a killed writer leaves its lock file behind");
        Assert.Equal(committed, Commits(folders.Index));
        using (var directory = FSDirectory.Open(folders.Index))
        {
            Assert.True(new CheckIndex(directory).DoCheckIndex().Clean, "the index on disk is not corrupt");
        }

        await using var third = BotProcess.Start(folders.Corpus, folders.Index);
        await third.WaitForLogAsync("Now listening", Generous);
        var atOnce = await third.HealthAsync();
        var answer = await third.AskAsync(SeedQuestion);

        Assert.Equal(1, (int)atOnce!["articles"]!); // the last commit, served at once
        Assert.Contains("Angola", answer);
        await third.WaitForHealthAsync(h => (int)h["articles"]! == 1 + large.Articles.Count, Generous);
        Assert.Contains(large.Articles[7].AnswerWord, await third.AskAsync(large.Articles[7].Question));
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("truncated")]
    [InlineData("garbled")]
    public async Task A_damaged_or_deleted_index_is_rebuilt_while_the_bot_says_so(string damage)
    {
        using var folders = new Folders();
        large.CopyTo(folders.Corpus);
        await using (var first = BotProcess.Start(folders.Corpus, folders.Index))
        {
            await first.WaitForHealthAsync(h => (bool)h["ready"]! && (int)h["articles"]! == large.Articles.Count, Generous);
        }

        Damage(folders.Index, damage);
        await using var second = BotProcess.Start(folders.Corpus, folders.Index);
        await second.WaitForLogAsync("Now listening", Generous);
        var health = await second.Client.GetAsync("/health");
        var meanwhile = await second.AskAsync(large.Articles[3].Question);

        Assert.True(health.StatusCode == HttpStatusCode.ServiceUnavailable, $"/health answered {(int)health.StatusCode}:\n{second.Log}");
        Assert.Contains("The archive is being rebuilt, try again in a moment.", meanwhile);
        Assert.Contains(damage == "deleted" ? "is empty: building it" : "is damaged", second.Log);
        await second.WaitForHealthAsync(h => (bool)h["ready"]! && (int)h["articles"]! == large.Articles.Count, Generous);
        Assert.Contains(large.Articles[3].AnswerWord, await second.AskAsync(large.Articles[3].Question));
    }

    private static void Damage(string index, string how)
    {
        switch (how)
        {
            case "deleted":
                System.IO.Directory.Delete(index, recursive: true);
                break;
            case "truncated":
                // The biggest file of the last commit (stored sentences or postings): cut it in half.
                FileInfo biggest;
                using (var directory = FSDirectory.Open(index))
                {
                    var commit = new SegmentInfos();
                    commit.Read(directory);
                    biggest = commit.GetFiles(directory, includeSegmentsFile: false).Select(name => new FileInfo(Path.Combine(index, name))).OrderByDescending(f => f.Length).First();
                }

                using (var stream = biggest.Open(FileMode.Open))
                {
                    stream.SetLength(stream.Length / 2);
                }

                break;
            case "garbled":
                var random = new Random(3);
                foreach (var file in System.IO.Directory.GetFiles(index).Where(f => Path.GetFileName(f) != IndexWriter.WRITE_LOCK_NAME))
                {
                    var bytes = new byte[new FileInfo(file).Length];
                    random.NextBytes(bytes);
                    File.WriteAllBytes(file, bytes);
                }

                break;
        }
    }

    private static List<string> Commits(string index) =>
        System.IO.Directory.GetFiles(index, "segments_*").Select(Path.GetFileName).Order().ToList()!;

    /// <summary>A corpus and an index folder of one test, deleted afterwards.</summary>
    private sealed class Folders : IDisposable
    {
        public string Corpus { get; } = System.IO.Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;

        public string Index { get; } = System.IO.Directory.CreateTempSubdirectory("newsroom-index-").FullName;

        public void Dispose()
        {
            System.IO.Directory.Delete(Corpus, recursive: true);
            if (System.IO.Directory.Exists(Index))
            {
                System.IO.Directory.Delete(Index, recursive: true);
            }
        }
    }

    /// <summary>The generated articles, written once for the class and copied into each test's corpus.</summary>
    public sealed class LargeCorpus : IDisposable
    {
        private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("newsroom-large-").FullName;

        // 96,000 sentences: about 3 s for a fresh process to index on 2 cores. With 800 articles the
        // rebuild could end before the bot had answered its first message (once the host's dynamic
        // PGO was turned off and indexing got faster), and "the bot says so meanwhile" went unchecked.
        public LargeCorpus() => Articles = SyntheticCorpus.Write(_folder, first: 1, count: 2400, sentences: 40);

        public IReadOnlyList<SyntheticArticle> Articles { get; }

        public void CopyTo(string corpus)
        {
            foreach (var file in System.IO.Directory.GetFiles(_folder))
            {
                File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
            }
        }

        public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);
    }
}
