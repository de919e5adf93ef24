namespace Newsroom.Bot.Conversation;

/// <summary>
/// An answer the bot gave, as its buttons and feedback find it again: "Context" on it shows the
/// paragraph of one of its own quotes, "More" on it continues its thread, a thumb records its question.
/// </summary>
/// <param name="Id">Our id for it, carried by the answer's buttons.</param>
/// <param name="MessageId">The channel's id for the message that carried it, when the channel returned one.</param>
/// <param name="Question">The question answered (after reading a follow-up).</param>
/// <param name="Citations">The sentences cited.</param>
public sealed record GivenAnswer(string Id, string? MessageId, string Question, List<ShownCitation> Citations)
{
    /// <summary>The reaction last recorded for this answer in this conversation ("like", "dislike"), or null: a second click on the same thumb is not counted twice.</summary>
    public string? Reaction { get; init; }

    /// <summary>The id of the thread it belongs to (the answers a question and its "more" pages gave share one).</summary>
    public string? Thread { get; init; }

    /// <summary>The thread's topic when it was given (what "and Rwanda?" is read against).</summary>
    public string? Topic { get; init; }

    /// <summary>The thread's question when it was given: "More" on this answer continues it.</summary>
    public string? ThreadQuestion { get; init; }

    /// <summary>The thread's date or source limit, if any.</summary>
    public ThreadLimit? Limit { get; init; }
}
