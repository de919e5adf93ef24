using Newsroom.Testing;
using System.Net;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// /health tells the truth while the real host runs: index files deleted under it make it answer
/// 503 "damaged" at once, the next rescan rebuilds the index without a restart, and what /health
/// says names no path and quotes no exception (those stay in the log).
/// </summary>
public sealed class HealthTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private readonly string _corpus = Directory.CreateTempSubdirectory("newsroom-corpus-").FullName;
    private readonly string _index = Directory.CreateTempSubdirectory("newsroom-index-").FullName;

    [Fact]
    public async Task Index_files_deleted_while_the_bot_runs_turn_health_to_503_until_a_rescan_has_rebuilt_the_index()
    {
        var articles = SyntheticCorpus.Write(_corpus, 0, 30, sentences: 5);
        await using var bot = BotProcess.Start(_corpus, _index, "--Corpus:RescanSeconds=2");
        await bot.WaitForHealthAsync(h => (bool)h["ready"]! && (int)h["articles"]! == 30, Generous);

        foreach (var file in Directory.GetFiles(_index).Where(f => Path.GetFileName(f) != "write.lock"))
        {
            File.Delete(file);
        }

        using (var response = await bot.Client.GetAsync("health"))
        {
            var damaged = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("damaged", (string?)damaged["status"]);
            Assert.DoesNotContain("/", (string?)damaged["problem"]);
        }

        SyntheticCorpus.Write(_corpus, 30, 1, sentences: 5);
        await bot.WaitForLogAsync("rebuilding it from the corpus", Generous);
        var rebuilt = await bot.WaitForHealthAsync(h => (string?)h["status"] == "ok" && (int)h["articles"]! == 31, Generous);

        Assert.Contains(articles[5].AnswerWord, await bot.AskAsync(articles[5].Question));
        Assert.DoesNotContain(_index, rebuilt.ToJsonString());
        Assert.Contains(" 31 added,", bot.Log);
    }

    public void Dispose()
    {
        Directory.Delete(_corpus, recursive: true);
        Directory.Delete(_index, recursive: true);
    }
}
