using Microsoft.Bot.Builder;
using Microsoft.Extensions.Time.Testing;
using Newsroom.Bot.Storage;

namespace Newsroom.Bot.Tests;

/// <summary>
/// Conversation state in the bot's own memory when there is no Redis: kept like the SDK's
/// MemoryStorage, but forgotten when unused and bounded in size, so conversations on ever new ids
/// cannot grow the process without end.
/// </summary>
public sealed class MemoryStateStorageTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task State_comes_back_as_written_and_an_item_changed_since_it_was_read_is_not_overwritten()
    {
        using var storage = new MemoryStateStorage(1024 * 1024, TimeSpan.FromHours(1), _time);
        await storage.WriteAsync(new Dictionary<string, object> { ["note"] = new Note { Text = "first" } });
        var read = (Note)(await storage.ReadAsync(["note"]))["note"];
        await storage.WriteAsync(new Dictionary<string, object> { ["note"] = new Note { Text = "second", ETag = read.ETag } });

        var stale = await Record.ExceptionAsync(() => storage.WriteAsync(new Dictionary<string, object> { ["note"] = new Note { Text = "third", ETag = read.ETag } }));

        Assert.Equal("first", read.Text);
        Assert.Contains("Etag conflict", stale?.Message);
        Assert.Equal("second", ((Note)(await storage.ReadAsync(["note"]))["note"]).Text);
    }

    [Fact]
    public async Task A_conversation_unused_for_the_expiry_is_forgotten_and_one_in_use_is_kept()
    {
        using var storage = new MemoryStateStorage(1024 * 1024, TimeSpan.FromHours(1), _time);
        await storage.WriteAsync(new Dictionary<string, object> { ["left"] = new Note { Text = "a" }, ["talking"] = new Note { Text = "b" } });

        _time.Advance(TimeSpan.FromMinutes(40));
        await storage.ReadAsync(["talking"]);
        _time.Advance(TimeSpan.FromMinutes(40));

        var kept = await storage.ReadAsync(["left", "talking"]);
        Assert.Equal(["talking"], kept.Keys);
    }

    [Fact]
    public async Task Conversations_beyond_the_memory_budget_never_take_more_than_it_and_new_ones_are_kept()
    {
        const long Budget = 256 * 1024;
        using var storage = new MemoryStateStorage(Budget, timeToLive: null, _time);

        for (var i = 0; i < 2_000; i++)
        {
            await storage.WriteAsync(new Dictionary<string, object> { [$"conversation-{i}"] = new Note { Text = new string('x', 1_000) } });
            Assert.InRange(storage.Bytes, 0, Budget);
        }

        // Making room runs in the background: a moment later the newest conversation is kept again.
        var newest = new Dictionary<string, object> { ["newest"] = new Note { Text = "hello" } };
        for (var attempt = 0; attempt < 50 && !(await storage.ReadAsync(["newest"])).ContainsKey("newest"); attempt++)
        {
            await Task.Delay(20);
            await storage.WriteAsync(newest);
        }

        Assert.True((await storage.ReadAsync(["newest"])).ContainsKey("newest"));
        Assert.InRange(storage.Count, 1, 2_000 - 1);
    }

    [Fact]
    public async Task A_very_long_message_leaves_the_conversations_state_small()
    {
        // The state remembers the last message to recognise a redelivery: by a hash, whatever its length.
        using var storage = new MemoryStateStorage(64 * 1024 * 1024, TimeSpan.FromHours(1), _time);
        using var harness = new BotTestHarness(storage: storage);

        await harness.Flow()
            .Send(new string('w', 100_000) + " Libya?")
            .AssertReply(_ => { })
            .StartTestAsync();

        Assert.InRange(storage.Bytes, 1, 16 * 1024);
    }

    /// <summary>A stored item with an ETag, like the SDK's own store items.</summary>
    public sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }
}
