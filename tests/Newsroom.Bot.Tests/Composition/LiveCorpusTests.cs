using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>Articles that land in, change in or leave corpus/ while the bot serves are reflected in its answers, without a restart.</summary>
public sealed class LiveCorpusTests
{
    // The product target is 2 s (measured by tests/Benchmarks); the bound here leaves room for a busy CI machine.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private const string Question = "When does the harbor bridge close for repairs?";

    [Fact]
    public async Task A_new_article_is_answered_while_the_bot_runs()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        Assert.DoesNotContain("Monday", await AskAsync(client, Question));

        await File.WriteAllTextAsync(Path.Combine(host.CorpusFolder, "bridge.txt"), "Harbor bridge closes\n\nThe harbor bridge closes on Monday for repairs.");

        await Eventually(async () => (await AskAsync(client, Question)).Contains("Monday", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_edited_article_is_answered_in_its_new_version()
    {
        await using var host = new BotHost();
        var path = Path.Combine(host.CorpusFolder, "bridge.json");
        await File.WriteAllTextAsync(path, """{"title": "Harbor bridge closes", "body": "The harbor bridge closes on Monday for repairs."}""");
        var client = host.CreateClient();
        await Eventually(async () => (await AskAsync(client, Question)).Contains("Monday", StringComparison.Ordinal));

        await File.WriteAllTextAsync(path, """{"title": "Harbor bridge closes", "body": "The harbor bridge closes on Friday for repairs."}""");

        await Eventually(async () =>
        {
            var answer = await AskAsync(client, Question);
            return answer.Contains("Friday", StringComparison.Ordinal) && !answer.Contains("Monday", StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_deleted_article_is_no_longer_cited()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();
        var countries = "Which countries did U.S. officials approach about deportation deals?";
        Assert.Contains("Rwanda", await AskAsync(client, countries));

        File.Delete(Directory.GetFiles(host.CorpusFolder).Single());

        await Eventually(async () => (await AskAsync(client, countries)).Contains("couldn't find", StringComparison.Ordinal));
    }

    private static Task<string> AskAsync(HttpClient client, string text) => ExpectReplies.AskAsync(client, text);

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Bound, $"Not reflected in answers within {Bound.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
