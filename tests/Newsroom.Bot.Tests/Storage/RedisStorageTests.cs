using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Bot.Storage;
using Newsroom.Testing;
using StackExchange.Redis;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The Redis <see cref="IStorage"/> against a real redis-server (Debian's, started on a free
/// loopback port for this class): state written through one instance is read through another,
/// with the SDK storages' optimistic concurrency.
/// </summary>
public sealed class RedisStorageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [SystemFact("redis-server")]
    public async Task Conversation_state_written_by_one_instance_is_read_by_another()
    {
        var first = new ConversationState(NewStorage());
        var second = new ConversationState(NewStorage());
        var conversation = "conversation-" + Guid.NewGuid();

        await Turn(first, conversation, async (state, turn) =>
        {
            await state.CreateProperty<LastQuestion>("last").SetAsync(turn, new LastQuestion("Which countries?", 3));
            await state.SaveChangesAsync(turn);
        });
        LastQuestion? read = null;
        await Turn(second, conversation, async (state, turn) => read = await state.CreateProperty<LastQuestion>("last").GetAsync(turn));

        Assert.Equal(new LastQuestion("Which countries?", 3), read);
    }

    [SystemFact("redis-server")]
    public async Task Two_instances_saving_one_conversation_at_once_is_no_error_and_the_later_save_wins()
    {
        // A message sent twice in quick succession (or resent by the balancer) can be answered on two
        // instances at once. ConversationState saves a plain dictionary, not an IStoreItem, so the write
        // carries no ETag: no conflict is raised (the user never gets an error for it), as with the SDK's storages.
        var conversation = "conversation-" + Guid.NewGuid();
        var onA = new ConversationState(NewStorage());
        var onB = new ConversationState(NewStorage());
        var turnA = Context(conversation);
        var turnB = Context(conversation);

        await onA.LoadAsync(turnA);
        await onB.LoadAsync(turnB);
        await onA.CreateProperty<LastQuestion>("last").SetAsync(turnA, new LastQuestion("asked on A", 3));
        await onB.CreateProperty<LastQuestion>("last").SetAsync(turnB, new LastQuestion("asked on B", 6));
        await onA.SaveChangesAsync(turnA);
        var second = await Record.ExceptionAsync(() => onB.SaveChangesAsync(turnB));
        LastQuestion? read = null;
        await Turn(new ConversationState(NewStorage()), conversation, async (state, turn) => read = await state.CreateProperty<LastQuestion>("last").GetAsync(turn));

        Assert.Null(second);
        Assert.Equal(new LastQuestion("asked on B", 6), read);
    }

    [SystemFact("redis-server")]
    public async Task An_item_changed_since_it_was_read_is_not_overwritten()
    {
        var storage = NewStorage();
        var key = "item-" + Guid.NewGuid();
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "first" } });
        var readByA = (Note)(await storage.ReadAsync([key]))[key];
        var readByB = (Note)(await NewStorage().ReadAsync([key]))[key];

        readByB.Text = "B's change";
        await NewStorage().WriteAsync(new Dictionary<string, object> { [key] = readByB });
        readByA.Text = "A's change, made on a stale copy";
        var conflict = await Record.ExceptionAsync(() => storage.WriteAsync(new Dictionary<string, object> { [key] = readByA }));

        Assert.Contains("Etag conflict", conflict?.Message);
        Assert.Equal("B's change", ((Note)(await storage.ReadAsync([key]))[key]).Text);
    }

    [SystemFact("redis-server")]
    public async Task An_etag_of_star_or_none_overwrites_and_delete_removes()
    {
        var storage = NewStorage();
        var key = "item-" + Guid.NewGuid();
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "first" } });

        await storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "forced", ETag = "*" } });
        var forced = ((Note)(await storage.ReadAsync([key]))[key]).Text;
        await storage.DeleteAsync([key]);

        Assert.Equal("forced", forced);
        Assert.Empty(await storage.ReadAsync([key, "never-written"]));
    }

    [SystemFact("redis-server")]
    public async Task The_host_keeps_state_in_redis_when_configured_and_in_memory_otherwise()
    {
        await using var withRedis = new BotHost(settings: new() { ["Storage:Redis"] = redis.ConnectionString });
        await using var without = new BotHost();

        Assert.IsType<RedisStorage>(withRedis.Services.GetRequiredService<IStorage>());
        Assert.IsType<MemoryStateStorage>(without.Services.GetRequiredService<IStorage>());
    }

    [SystemTheory("redis-server")]
    [InlineData("2", 2 * 3600)]
    [InlineData("0", -1)]
    public async Task The_host_lets_a_conversation_expire_after_the_configured_hours(string hours, int expectedSeconds)
    {
        await using var host = new BotHost(settings: new() { ["Storage:Redis"] = redis.ConnectionString, ["Storage:ExpiryHours"] = hours });
        var client = host.CreateClient();
        var conversation = "conversation-" + Guid.NewGuid();

        await ExpectReplies.AskAsync(client, "Which countries did U.S. officials approach about deportation deals?", conversation);

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var key = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: $"*{conversation}*").Single();
        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(key);
        if (expectedSeconds < 0)
        {
            Assert.Null(ttl);
        }
        else
        {
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value.TotalSeconds, expectedSeconds - 60, expectedSeconds);
        }
    }

    [SystemFact("redis-server")]
    public async Task Context_under_an_older_answer_acts_on_it_on_another_instance_sharing_redis()
    {
        using var corpus = new StrikeCorpus();
        var conversation = TestAdapter.CreateConversation("conversation-" + Guid.NewGuid(), "user1", "bot");
        conversation.ChannelId = "webchat";
        Microsoft.Bot.Schema.CardAction? context = null;
        var first = new Dictionary<int, string>();
        using (var one = new BotTestHarness(corpusFolder: corpus.Folder, storage: NewStorage()))
        {
            await one.Flow(conversation)
                .Send(StrikeCorpus.Question)
                .AssertReply(_ => { })
                .AssertReply(reply => (context, first) = (AnswerButtonTests.Button(reply, Newsroom.Bot.Conversation.AnswerActions.ContextTitle), StrikeCorpus.Quotes(((Microsoft.Bot.Schema.IMessageActivity)reply).Text)))
                .Send("and Genoa?")
                .AssertReply(_ => { })
                .AssertReply(_ => { })
                .StartTestAsync();
        }

        using var another = new BotTestHarness(corpusFolder: corpus.Folder, storage: NewStorage());
        await another.Flow(conversation)
            .Send(AnswerButtonTests.Pressed(context!))
            .AssertReply(reply => Assert.Contains($"**{Newsroom.Bot.Conversation.ReplyRenderer.Escape(first[1])}**", ((Microsoft.Bot.Schema.IMessageActivity)reply).Text))
            .StartTestAsync();
    }

    /// <summary>A storage on its own connection, as another instance of the bot would have.</summary>
    private RedisStorage NewStorage() => new(redis.Connect().GetDatabase());

    private static TurnContext Context(string conversation) =>
        new(new TestAdapter(TestAdapter.CreateConversation(conversation)), new Microsoft.Bot.Schema.Activity
        {
            Type = Microsoft.Bot.Schema.ActivityTypes.Message,
            ChannelId = "test",
            Conversation = new Microsoft.Bot.Schema.ConversationAccount { Id = conversation },
            From = new Microsoft.Bot.Schema.ChannelAccount { Id = "user1" },
            Recipient = new Microsoft.Bot.Schema.ChannelAccount { Id = "bot" },
            Text = "more",
        });

    private static async Task Turn(ConversationState state, string conversation, Func<ConversationState, ITurnContext, Task> work)
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversation));
        await new TestFlow(adapter, async (turn, _) =>
        {
            await state.LoadAsync(turn);
            await work(state, turn);
        }).Send("hello").StartTestAsync();
    }

    /// <summary>A state value as a follow-up would need it.</summary>
    public sealed record LastQuestion(string Text, int Citations);

    /// <summary>A stored item with an ETag, like the SDK's own store items.</summary>
    public sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }
}
