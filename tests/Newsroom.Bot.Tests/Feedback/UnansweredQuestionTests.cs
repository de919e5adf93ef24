using Microsoft.Extensions.Time.Testing;
using Newsroom.Bot.Commands;
using Newsroom.Bot.Feedback;
using Spectre.Console.Testing;

namespace Newsroom.Bot.Tests;

/// <summary>Questions without a confident answer: recorded for staff (a setting), kept for a retention period, listed by the gaps command.</summary>
public sealed class UnansweredQuestionTests : IDisposable
{
    private readonly StrikeCorpus _corpus = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("newsroom-unanswered-").FullName;

    [Fact]
    public async Task A_question_without_a_confident_answer_is_recorded_with_its_time_and_channel_and_an_answered_one_is_not()
    {
        using var harness = new BotTestHarness(corpusFolder: _corpus.Folder);
        var before = DateTimeOffset.UtcNow;
        await harness.Flow("webchat")
            .Send("What is the recipe for chocolate cake?")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send(StrikeCorpus.Question)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .StartTestAsync();

        var recorded = Assert.Single(UnansweredLog.Read(harness.UnansweredFile, DateTimeOffset.UtcNow, TimeSpan.FromDays(1)).Questions);
        Assert.Equal(("What is the recipe for chocolate cake?", "webchat"), (recorded.Question, recorded.Channel));
        Assert.InRange(recorded.Time, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task With_recording_off_no_question_is_written()
    {
        using var harness = new BotTestHarness(corpusFolder: _corpus.Folder, recordUnanswered: false);
        await harness.Flow()
            .Send("What is the recipe for chocolate cake?")
            .AssertReply(_ => { })
            .AssertReply(reply => Assert.StartsWith("I couldn't find that", ((Microsoft.Bot.Schema.IMessageActivity)reply).Text))
            .StartTestAsync();

        Assert.False(File.Exists(harness.UnansweredFile));
    }

    [Fact]
    public async Task Questions_older_than_the_retention_period_are_deleted_from_the_file_and_never_shown()
    {
        var file = Path.Combine(_folder, "unanswered.jsonl");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        using (var log = new UnansweredLog(file, enabled: true, TimeSpan.FromDays(30), clock))
        {
            await log.RecordAsync("Who owns the harbour cranes?", "webchat");
        }

        clock.Advance(TimeSpan.FromDays(31));
        Assert.Empty(UnansweredLog.Read(file, clock.GetUtcNow(), TimeSpan.FromDays(30)).Questions); // no longer shown
        using (var restarted = new UnansweredLog(file, enabled: true, TimeSpan.FromDays(30), clock))
        {
            await restarted.RecordAsync("When does the ferry run again?", "msteams");
        }

        var text = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain("harbour cranes", text, StringComparison.Ordinal); // deleted, not only hidden
        Assert.Contains("ferry", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gaps_command_lists_unanswered_questions_most_frequent_first_with_their_dates()
    {
        var file = Path.Combine(_folder, "unanswered.jsonl");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-3));
        using (var log = new UnansweredLog(file, enabled: true, TimeSpan.FromDays(90), clock))
        {
            await log.RecordAsync("Who owns the harbour cranes?", "webchat");
            clock.Advance(TimeSpan.FromDays(1));
            await log.RecordAsync("When does the ferry run again?", "webchat");
            await log.RecordAsync("who owns the harbour  cranes", "msteams");
            clock.Advance(TimeSpan.FromDays(1));
            await log.RecordAsync("Who owns the harbour cranes?", "webchat");
        }

        var console = new TestConsole().Width(400);
        var exitCode = await HostCommands.RunAsync(["gaps", $"--Feedback:UnansweredFile={file}"], console);
        var lines = console.Output.Split('\n');

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains("4 asked, 2 different, most frequent first", console.Output);
        var cranes = Array.FindIndex(lines, line => line.Contains("3×  “Who owns the harbour cranes?”", StringComparison.Ordinal));
        var ferry = Array.FindIndex(lines, line => line.Contains("1×  “When does the ferry run again?”", StringComparison.Ordinal));
        Assert.InRange(cranes, 0, ferry - 1);
        Assert.Contains($"({DateTimeOffset.UtcNow.AddDays(-3):yyyy-MM-dd} to {DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd})", lines[cranes]);
    }

    [Fact]
    public async Task The_feedback_command_ends_with_the_most_frequent_unanswered_questions()
    {
        var file = Path.Combine(_folder, "unanswered.jsonl");
        using (var log = new UnansweredLog(file, enabled: true, TimeSpan.FromDays(90)))
        {
            await log.RecordAsync("Who owns the harbour cranes?", "webchat");
        }

        var console = new TestConsole().Width(400);
        var exitCode = await HostCommands.RunAsync(["feedback", $"--Feedback:File={Path.Combine(_folder, "votes.jsonl")}", $"--Feedback:UnansweredFile={file}"], console);

        Assert.Equal(HostCommands.Success, exitCode);
        Assert.Contains("No feedback yet", console.Output);
        Assert.Contains("1×  “Who owns the harbour cranes?”", console.Output);
    }

    [Fact]
    public async Task The_host_records_unanswered_questions_in_the_configured_file()
    {
        await using var host = new BotHost();
        var client = host.CreateClient();

        await ExpectReplies.AskAsync(client, "What is the recipe for chocolate cake?");

        Assert.Equal("What is the recipe for chocolate cake?", Assert.Single(UnansweredLog.Read(host.UnansweredFile, DateTimeOffset.UtcNow, TimeSpan.FromDays(1)).Questions).Question);
    }

    public void Dispose()
    {
        _corpus.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
