using Microsoft.Bot.Builder;
using Microsoft.Extensions.Caching.Memory;

namespace Newsroom.Bot.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> in this process's memory, bounded: an item unused for
/// <c>Storage:ExpiryHours</c> is forgotten (as in Redis), and all items together hold at most
/// <c>Storage:MemoryBytes</c> of JSON, the least recently used going first when more is needed
/// (ASP.NET Core's MemoryCache does the bookkeeping). The SDK's MemoryStorage keeps every
/// conversation for the life of the process, so conversations on ever new ids grow it without end.
/// Items round-trip as JSON (<see cref="StateJson"/>) with the SDK storages' ETag concurrency.
/// </summary>
public sealed class MemoryStateStorage : IStorage, IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan? _timeToLive;
    private readonly Lock _writing = new();

    /// <summary>Keeps at most <paramref name="maxBytes"/> of state, each item for <paramref name="timeToLive"/> after its last use (for ever when null).</summary>
    public MemoryStateStorage(long maxBytes, TimeSpan? timeToLive, TimeProvider? time = null)
    {
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = maxBytes,
            // When full, a fifth goes at once (least recently used first), so a burst of new
            // conversations does not compact on every write.
            CompactionPercentage = 0.2,
            TrackStatistics = true,
            Clock = time is null ? null : new TimeProviderClock(time),
        });
        _timeToLive = timeToLive;
    }

    /// <inheritdoc />
    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        IDictionary<string, object> items = new Dictionary<string, object>(keys.Length);
        foreach (var key in keys.Distinct())
        {
            if (_cache.TryGetValue(key, out Stored? stored) && stored is not null)
            {
                items[key] = StateJson.Read(stored.Json);
            }
        }

        return Task.FromResult(items);
    }

    /// <inheritdoc />
    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            var expected = StateJson.ExpectedETag(value);
            var etag = Guid.NewGuid().ToString("N");
            var json = StateJson.Write(value, etag);
            lock (_writing)
            {
                if (!StateJson.Matches(expected, _cache.TryGetValue(key, out Stored? current) ? current?.ETag : null))
                {
                    throw StateJson.Conflict(key, expected);
                }

                var entry = new MemoryCacheEntryOptions { Size = (long)json.Length * sizeof(char) };
                if (_timeToLive is { } idle)
                {
                    entry.SlidingExpiration = idle;
                }

                _cache.Set(key, new Stored(etag, json), entry);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _cache.Remove(key);
        }

        return Task.CompletedTask;
    }

    /// <summary>How many items are kept now.</summary>
    public int Count => _cache.Count;

    /// <summary>About how many bytes the items take now (what <c>Storage:MemoryBytes</c> bounds).</summary>
    public long Bytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private sealed record Stored(string ETag, string Json);

    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
