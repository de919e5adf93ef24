using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newsroom.Testing;
using System.Diagnostics;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The bot, turn by turn (TestAdapter, so an exception would surface instead of being caught by the
/// adapter's error handler), gets arbitrary hostile messages: each turn ends with a message for the
/// user, no exception, within a generous bound.
/// </summary>
public sealed class HostileMessageTests : IClassFixture<HostileMessageTests.Harness>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private readonly BotTestHarness _harness;

    public HostileMessageTests(Harness harness) => _harness = harness.Bot;

    [Property(Arbitrary = [typeof(HostileInput)], MaxTest = 200)]
    public Property Any_message_gets_a_reply_within_the_bound(HostileText message)
    {
        var adapter = new TestAdapter();
        var clock = Stopwatch.StartNew();
        adapter.SendTextToBotAsync(message.Value, _harness.Bot.OnTurnAsync, CancellationToken.None).GetAwaiter().GetResult();
        clock.Stop();

        var replies = adapter.ActiveQueue.OfType<IMessageActivity>().Where(a => a.Type == ActivityTypes.Message).ToList();
        return (replies.Count == 1 && !string.IsNullOrWhiteSpace(replies[0].Text) && clock.Elapsed < Bound)
            .ToProperty()
            .Label($"{replies.Count} message replies in {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>One bot over the seed corpus for every generated case.</summary>
    public sealed class Harness : IDisposable
    {
        internal BotTestHarness Bot { get; } = new();

        public void Dispose() => Bot.Dispose();
    }
}
