namespace Newsroom.Bot.Conversation;

/// <summary>An answer the bot gave, as feedback records it.</summary>
/// <param name="Id">Our id for it, carried by the answer's feedback buttons.</param>
/// <param name="MessageId">The channel's id for the message that carried it, when the channel returned one.</param>
/// <param name="Question">The question answered (after reading a follow-up).</param>
/// <param name="Citations">The sentences cited.</param>
public sealed record GivenAnswer(string Id, string? MessageId, string Question, List<ShownCitation> Citations)
{
    /// <summary>The reaction last recorded for this answer in this conversation ("like", "dislike"), or null: a second click on the same thumb is not counted twice.</summary>
    public string? Reaction { get; init; }
}
