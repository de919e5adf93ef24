using System.Globalization;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>
/// One conversation of the local channel: its user and its activities, kept as the JSON sent to
/// clients, bounded in count and in bytes (the oldest are dropped first, the newest always kept).
/// </summary>
public sealed class LocalConversation(string id, string userId, LocalConversation.Limits limits, DateTimeOffset created)
{
    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore, Formatting = Formatting.None };
    private readonly Lock _lock = new();
    private readonly Queue<string> _activities = new();
    private long _next;
    private long _bytes;
    private DateTimeOffset _lastUsed = created;
    private bool _userHasSpoken;

    /// <summary>What one conversation may hold and hand out: activities, bytes of them, bytes per poll.</summary>
    public sealed record Limits(int MaxActivities, int MaxBytes, int MaxPollBytes);

    /// <summary>The conversation id (also in the tokens that grant it).</summary>
    public string Id { get; } = id;

    /// <summary>The user the conversation's tokens speak for.</summary>
    public string UserId { get; } = userId;

    /// <summary>When the conversation was started.</summary>
    public DateTimeOffset Created { get; } = created;

    /// <summary>Bytes of activities (as JSON characters) the conversation holds now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>True once the user has sent an activity (not only opened the conversation).</summary>
    public bool UserHasSpoken
    {
        get
        {
            lock (_lock)
            {
                return _userHasSpoken;
            }
        }
    }

    /// <summary>
    /// Adds an activity, giving it its id ("{conversation}|0000042", as Azure's Direct Line does)
    /// and the channel's timestamp, and returns the id.
    /// </summary>
    public string Append(Activity activity, DateTimeOffset now)
    {
        lock (_lock)
        {
            activity.Id = string.Create(CultureInfo.InvariantCulture, $"{Id}|{_next:D7}");
            activity.Timestamp = now;
            var json = JsonConvert.SerializeObject(activity, Json);
            _activities.Enqueue(json);
            _bytes += json.Length;
            _next++;
            while (_activities.Count > 1 && (_activities.Count > limits.MaxActivities || _bytes > limits.MaxBytes))
            {
                _bytes -= _activities.Dequeue().Length;
            }

            _userHasSpoken |= activity.From?.Role == Microsoft.Bot.Schema.RoleTypes.User;
            _lastUsed = now;
            return activity.Id;
        }
    }

    /// <summary>
    /// The Direct Line ActivitySet after <paramref name="watermark"/> (from the oldest kept activity
    /// when it is null), at most <see cref="Limits.MaxPollBytes"/> of them but always at least one,
    /// as JSON: <c>{"activities":[…],"watermark":"N"}</c>, N being where the next poll goes on.
    /// </summary>
    public string ActivitiesAfter(long? watermark)
    {
        lock (_lock)
        {
            var first = _next - _activities.Count;
            var skip = Math.Clamp((watermark ?? first) - first, 0, _activities.Count);
            var json = new StringBuilder("{\"activities\":[");
            var position = first + skip;
            long bytes = 0;
            foreach (var activity in _activities.Skip((int)skip))
            {
                if (position > first + skip && bytes + activity.Length > limits.MaxPollBytes)
                {
                    break;
                }

                json.Append(position > first + skip ? "," : string.Empty).Append(activity);
                bytes += activity.Length;
                position++;
            }

            return json.Append(CultureInfo.InvariantCulture, $"],\"watermark\":\"{position}\"}}").ToString();
        }
    }

    internal void Touch(DateTimeOffset now)
    {
        lock (_lock)
        {
            _lastUsed = now > _lastUsed ? now : _lastUsed;
        }
    }

    internal bool IsIdleSince(DateTimeOffset cutoff)
    {
        lock (_lock)
        {
            return _lastUsed < cutoff;
        }
    }
}
