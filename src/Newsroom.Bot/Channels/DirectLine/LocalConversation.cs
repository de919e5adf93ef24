using System.Globalization;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>One conversation of the local channel: its user and its activities, kept as the JSON sent to clients.</summary>
public sealed class LocalConversation(string id, string userId, int maxActivities, DateTimeOffset created)
{
    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore, Formatting = Formatting.None };
    private readonly Lock _lock = new();
    private readonly Queue<string> _activities = new();
    private long _next;
    private DateTimeOffset _lastUsed = created;

    /// <summary>The conversation id (also in the tokens that grant it).</summary>
    public string Id { get; } = id;

    /// <summary>The user the conversation's tokens speak for.</summary>
    public string UserId { get; } = userId;

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
            _activities.Enqueue(JsonConvert.SerializeObject(activity, Json));
            _next++;
            while (_activities.Count > maxActivities)
            {
                _activities.Dequeue();
            }

            _lastUsed = now;
            return activity.Id;
        }
    }

    /// <summary>
    /// The Direct Line ActivitySet after <paramref name="watermark"/> (all kept activities when it is
    /// null), as JSON: <c>{"activities":[…],"watermark":"N"}</c>.
    /// </summary>
    public string ActivitiesAfter(long? watermark)
    {
        lock (_lock)
        {
            var first = _next - _activities.Count;
            var skip = Math.Clamp((watermark ?? first) - first, 0, _activities.Count);
            var json = new StringBuilder("{\"activities\":[");
            json.AppendJoin(',', _activities.Skip((int)skip));
            return json.Append(CultureInfo.InvariantCulture, $"],\"watermark\":\"{_next}\"}}").ToString();
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
