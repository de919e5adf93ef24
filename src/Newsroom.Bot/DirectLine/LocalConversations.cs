using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Newsroom.Bot.DirectLine;

/// <summary>
/// The local channel's conversations, in memory: each one's activities in order, with a watermark
/// counting every activity ever added. Bounded in number, in activities per conversation (the oldest
/// are dropped) and in idle time (an idle conversation is forgotten).
/// </summary>
public sealed class LocalConversations(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, LocalConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _creating = new();

    /// <summary>How many conversations are kept now (expired ones included until they are swept).</summary>
    public int Count => _conversations.Count;

    /// <summary>The live conversation with this id, or null if there is none or it has expired.</summary>
    public LocalConversation? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        if (conversation.IsIdleSince(time.GetUtcNow() - IdleLimit))
        {
            _conversations.TryRemove(conversationId, out _);
            return null;
        }

        conversation.Touch(time.GetUtcNow());
        return conversation;
    }

    /// <summary>
    /// Starts the conversation a grant names, or returns it if it was started already (a client may
    /// retry the start). Null when the channel is full.
    /// </summary>
    public (LocalConversation? Conversation, bool Created) Start(DirectLineGrant grant)
    {
        if (Find(grant.ConversationId) is { } existing)
        {
            return (existing, false);
        }

        lock (_creating)
        {
            if (_conversations.Count >= options.Value.MaxConversations)
            {
                SweepExpired();
                if (_conversations.Count >= options.Value.MaxConversations)
                {
                    return (null, false);
                }
            }

            var conversation = new LocalConversation(grant.ConversationId, grant.UserId, options.Value.MaxActivitiesPerConversation, time.GetUtcNow());
            return _conversations.TryAdd(conversation.Id, conversation) ? (conversation, true) : (_conversations[conversation.Id], false);
        }
    }

    /// <summary>Forgets every conversation idle for longer than the limit.</summary>
    public int SweepExpired()
    {
        var cutoff = time.GetUtcNow() - IdleLimit;
        var removed = 0;
        foreach (var (id, conversation) in _conversations)
        {
            if (conversation.IsIdleSince(cutoff) && _conversations.TryRemove(id, out _))
            {
                removed++;
            }
        }

        return removed;
    }

    private TimeSpan IdleLimit => TimeSpan.FromSeconds(options.Value.ConversationIdleSeconds);
}

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
