namespace Newsroom.Bot.Conversation;

/// <summary>The thread of a conversation at one moment (what "more", "context", "source" and short follow-ups read), without the snapshot itself.</summary>
/// <param name="ThreadId">The thread's id.</param>
/// <param name="Topic">The question the thread is about.</param>
/// <param name="Subject">The last question asked in full.</param>
/// <param name="Question">The question last answered.</param>
/// <param name="Limit">Its date or source limit, if any.</param>
/// <param name="Terms">Its analysed terms.</param>
/// <param name="Shown">The sentences cited so far.</param>
/// <param name="Offset">How far into the ranking the thread has gone.</param>
/// <param name="LastReplyFirst">The number of the first citation of the last reply.</param>
/// <param name="Exhausted">Whether "more" found nothing left.</param>
/// <param name="LastAnswerId">The newest answer remembered for feedback (later ones are forgotten on restore).</param>
public sealed record ThreadSnapshot(string? ThreadId, string? Topic, string? Subject, string? Question, ThreadLimit? Limit, List<string> Terms, List<ShownCitation> Shown, int Offset, int LastReplyFirst, bool Exhausted, string? LastAnswerId)
{
    /// <summary>The thread of <paramref name="memory"/> now.</summary>
    public static ThreadSnapshot Of(ConversationMemory memory) =>
        new(memory.ThreadId, memory.Topic, memory.Subject, memory.Question, memory.Limit, [.. memory.Terms], [.. memory.Shown], memory.Offset, memory.LastReplyFirst, memory.Exhausted, memory.Answers.LastOrDefault()?.Id);

    /// <summary>Puts <paramref name="memory"/>'s thread back as it was, and forgets answers given since.</summary>
    public void RestoreTo(ConversationMemory memory)
    {
        memory.ThreadId = ThreadId;
        memory.Topic = Topic;
        memory.Subject = Subject;
        memory.Question = Question;
        memory.Limit = Limit;
        memory.Terms = [.. Terms];
        memory.Shown = [.. Shown];
        memory.Offset = Offset;
        memory.LastReplyFirst = LastReplyFirst;
        memory.Exhausted = Exhausted;
        var kept = LastAnswerId is null ? 0 : memory.Answers.FindIndex(a => a.Id == LastAnswerId) + 1;
        memory.Answers.RemoveRange(kept, memory.Answers.Count - kept);
    }
}
