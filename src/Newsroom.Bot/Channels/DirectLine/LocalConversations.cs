using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Newsroom.Bot.Channels.DirectLine;

/// <summary>
/// The local channel's conversations, in memory: each one's activities in order, with a watermark
/// counting every activity ever added. Bounded in number, in activities and bytes per conversation
/// (the oldest are dropped), in bytes per poll, and in idle time (an idle conversation is
/// forgotten). When the channel is full, conversations in which nobody has said anything for
/// DirectLine:UnusedConversationSeconds make room for new ones, so opening conversations only to
/// fill the channel locks nobody out for longer than that.
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
                    SweepUnused();
                }

                if (_conversations.Count >= options.Value.MaxConversations)
                {
                    return (null, false);
                }
            }

            var limits = new LocalConversation.Limits(options.Value.MaxActivitiesPerConversation, options.Value.MaxConversationBytes, options.Value.MaxPollBytes);
            var conversation = new LocalConversation(grant.ConversationId, grant.UserId, limits, time.GetUtcNow());
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

    /// <summary>Bytes of activities all conversations hold now.</summary>
    public long Bytes => _conversations.Values.Sum(conversation => conversation.Bytes);

    /// <summary>Forgets every conversation started longer ago than the unused limit in which the user has sent nothing.</summary>
    private void SweepUnused()
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromSeconds(options.Value.UnusedConversationSeconds);
        foreach (var (id, conversation) in _conversations)
        {
            if (!conversation.UserHasSpoken && conversation.Created < cutoff)
            {
                _conversations.TryRemove(id, out _);
            }
        }
    }

    private TimeSpan IdleLimit => TimeSpan.FromSeconds(options.Value.ConversationIdleSeconds);
}
