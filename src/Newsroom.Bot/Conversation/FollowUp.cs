namespace Newsroom.Bot.Conversation;

/// <summary>A message as the conversation reads it.</summary>
/// <param name="Kind">What it asks.</param>
/// <param name="Number">The citation it names ("context 2"), if any.</param>
/// <param name="Question">For <see cref="FollowUpKind.Topic"/>: the question it is taken as.</param>
/// <param name="Reaction">For <see cref="FollowUpKind.Vote"/>: "like" or "dislike".</param>
/// <param name="KeepsSubject">For <see cref="FollowUpKind.Topic"/>: true when it rephrases the last full question ("when?"), which the next such follow-up rephrases again.</param>
public sealed record FollowUp(FollowUpKind Kind, int? Number = null, string? Question = null, string? Reaction = null, bool KeepsSubject = false);
