using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Bot.Storage;
using StackExchange.Redis;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The Redis <see cref="IStorage"/> against a real redis-server (Debian's, started on a free
/// loopback port for this class): state written through one instance is read through another,
/// with the SDK storages' optimistic concurrency.
/// </summary>
public sealed class RedisStorageTests(RedisStorageTests.RedisServer redis) : IClassFixture<RedisStorageTests.RedisServer>
{
    [Fact]
    public async Task Conversation_state_written_by_one_instance_is_read_by_another()
    {
        var first = new ConversationState(redis.NewStorage());
        var second = new ConversationState(redis.NewStorage());
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

    [Fact]
    public async Task An_item_changed_since_it_was_read_is_not_overwritten()
    {
        var storage = redis.NewStorage();
        var key = "item-" + Guid.NewGuid();
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "first" } });
        var readByA = (Note)(await storage.ReadAsync([key]))[key];
        var readByB = (Note)(await redis.NewStorage().ReadAsync([key]))[key];

        readByB.Text = "B's change";
        await redis.NewStorage().WriteAsync(new Dictionary<string, object> { [key] = readByB });
        readByA.Text = "A's change, made on a stale copy";
        var conflict = await Record.ExceptionAsync(() => storage.WriteAsync(new Dictionary<string, object> { [key] = readByA }));

        Assert.Contains("Etag conflict", conflict?.Message);
        Assert.Equal("B's change", ((Note)(await storage.ReadAsync([key]))[key]).Text);
    }

    [Fact]
    public async Task An_etag_of_star_or_none_overwrites_and_delete_removes()
    {
        var storage = redis.NewStorage();
        var key = "item-" + Guid.NewGuid();
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "first" } });

        await storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "forced", ETag = "*" } });
        var forced = ((Note)(await storage.ReadAsync([key]))[key]).Text;
        await storage.DeleteAsync([key]);

        Assert.Equal("forced", forced);
        Assert.Empty(await storage.ReadAsync([key, "never-written"]));
    }

    [Fact]
    public async Task The_host_keeps_state_in_redis_when_configured_and_in_memory_otherwise()
    {
        await using var withRedis = new BotHost(settings: new() { ["Storage:Redis"] = redis.ConnectionString });
        await using var without = new BotHost();

        Assert.IsType<RedisStorage>(withRedis.Services.GetRequiredService<IStorage>());
        Assert.IsType<MemoryStorage>(without.Services.GetRequiredService<IStorage>());
    }

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

    /// <summary>redis-server on a free loopback port, with no persistence, for the tests of one class.</summary>
    public sealed class RedisServer : IDisposable
    {
        private readonly Process _process;
        private readonly List<ConnectionMultiplexer> _connections = [];

        public RedisServer()
        {
            var port = FreePort();
            ConnectionString = $"127.0.0.1:{port}";
            var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
            foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");
            _process.BeginOutputReadLine();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var probe = ConnectionMultiplexer.Connect(ConnectionString);
                    probe.GetDatabase().Ping();
                    break;
                }
                catch (RedisConnectionException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
                {
                    Thread.Sleep(100);
                }
            }
        }

        public string ConnectionString { get; }

        /// <summary>A storage on its own connection, as another instance of the bot would have.</summary>
        public RedisStorage NewStorage()
        {
            var connection = ConnectionMultiplexer.Connect(ConnectionString);
            lock (_connections)
            {
                _connections.Add(connection);
            }

            return new RedisStorage(connection.GetDatabase());
        }

        public void Dispose()
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _process.Kill();
            _process.WaitForExit(5000);
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
