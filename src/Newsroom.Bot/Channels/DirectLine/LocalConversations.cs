using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Newsroom.Bot.Channels.DirectLine;

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
