using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using StackExchange.Redis;

namespace Newsroom.Bot.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> over Redis, so that every instance of the bot behind a load
/// balancer reads and writes the same conversation state. Behaves like the SDK's own storages
/// (MemoryStorage, CosmosDbPartitionedStorage, BlobsStorage): items are JSON with their .NET type
/// names (so state objects come back as the types that were written), and an item that carries an
/// ETag is only written if it has not changed since it was read (optimistic concurrency; "*" or no
/// ETag writes unconditionally). Each key is one Redis hash { etag, json }, written by a Lua script
/// so the check and the write are atomic across instances.
/// </summary>
public sealed class RedisStorage : IStorage
{
    // Compare-and-set: KEYS[1] the item; ARGV = expected etag ("" or "*": none), new etag, json, ttl ms (0: none).
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], 'etag')
        if ARGV[1] ~= '' and ARGV[1] ~= '*' and current and current ~= ARGV[1] then
          return 0
        end
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'json', ARGV[3])
        if ARGV[4] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
        return 1
        """;

    private readonly IDatabase _database;
    private readonly string _prefix;
    private readonly TimeSpan? _timeToLive;
    private readonly JsonSerializer _serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // As the SDK's storages do, so any state type round-trips; the binder below keeps it to known assemblies.
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new KnownAssemblies(),
        MaxDepth = null,
    });

    /// <summary>Stores items in <paramref name="database"/> under keys starting with <paramref name="prefix"/>, each kept for <paramref name="timeToLive"/> after its last write (forever when null).</summary>
    public RedisStorage(IDatabase database, string prefix = "newsroom:state:", TimeSpan? timeToLive = null)
    {
        _database = database;
        _prefix = prefix;
        _timeToLive = timeToLive;
    }

    /// <inheritdoc />
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        var reads = keys.Distinct().Select(key => (Key: key, Read: _database.HashGetAsync(_prefix + key, "json"))).ToList();
        foreach (var (key, read) in reads)
        {
            var json = await read.ConfigureAwait(false);
            if (!json.IsNull)
            {
                items[key] = JObject.Parse(json!).ToObject<object>(_serializer)!;
            }
        }

        return items;
    }

    /// <inheritdoc />
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            var expected = value is IStoreItem item ? item.ETag ?? string.Empty : string.Empty;
            var etag = Guid.NewGuid().ToString("N");
            var json = JObject.FromObject(value, _serializer);
            if (value is IStoreItem)
            {
                // The stored copy carries its new ETag, so what is read back can be written back conditionally.
                foreach (var stale in json.Properties().Where(p => p.Name.Equals("eTag", StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    stale.Remove();
                }

                json["eTag"] = etag;
            }

            var written = (int)await _database.ScriptEvaluateAsync(
                WriteScript,
                [(RedisKey)(_prefix + key)],
                [expected, etag, json.ToString(Formatting.None), (long)(_timeToLive?.TotalMilliseconds ?? 0)]).ConfigureAwait(false);
            if (written == 0)
            {
                // The SDK's storages throw a plain Exception with this wording; callers (BotState) treat it as a conflict.
                throw new InvalidOperationException($"Etag conflict: '{key}' changed since it was read (expected ETag {expected}).");
            }
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _database.KeyDeleteAsync(keys.Select(key => (RedisKey)(_prefix + key)).ToArray()).ConfigureAwait(false);
    }

    /// <summary>
    /// Type names from Redis are only honoured for the bot's own, the Bot Framework's and the base
    /// library's assemblies: TypeNameHandling.All on data from outside the process would otherwise
    /// let whoever can write to Redis choose any type to instantiate.
    /// </summary>
    private sealed class KnownAssemblies : DefaultSerializationBinder
    {
        private static readonly string[] Allowed = ["Newsroom.", "Microsoft.Bot.", "System.Private.CoreLib", "System.Collections", "Newtonsoft.Json", "mscorlib"];

        public override Type BindToType(string? assemblyName, string typeName)
        {
            if (assemblyName is not null && !Allowed.Any(prefix => assemblyName.StartsWith(prefix, StringComparison.Ordinal)))
            {
                throw new JsonSerializationException($"Type '{typeName}' from assembly '{assemblyName}' is not allowed in stored state.");
            }

            return base.BindToType(assemblyName, typeName);
        }
    }
}
