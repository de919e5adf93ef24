using Microsoft.Bot.Builder;
using StackExchange.Redis;

namespace Newsroom.Bot.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> over Redis, so that every instance of the bot behind a load
/// balancer reads and writes the same conversation state. Behaves like the SDK's own storages
/// (MemoryStorage, CosmosDbPartitionedStorage, BlobsStorage): items are JSON with their .NET type
/// names (<see cref="StateJson"/>), and an item that carries an ETag is only written if it has not
/// changed since it was read (optimistic concurrency; "*" or no ETag writes unconditionally). Each key is one Redis hash { etag, json }, written by a Lua script
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
                items[key] = StateJson.Read(json!);
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
            var expected = StateJson.ExpectedETag(value);
            var etag = Guid.NewGuid().ToString("N");
            var json = StateJson.Write(value, etag);
            var written = (int)await _database.ScriptEvaluateAsync(
                WriteScript,
                [(RedisKey)(_prefix + key)],
                [expected, etag, json, (long)(_timeToLive?.TotalMilliseconds ?? 0)]).ConfigureAwait(false);
            if (written == 0)
            {
                throw StateJson.Conflict(key, expected);
            }
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _database.KeyDeleteAsync(keys.Select(key => (RedisKey)(_prefix + key)).ToArray()).ConfigureAwait(false);
    }
}
