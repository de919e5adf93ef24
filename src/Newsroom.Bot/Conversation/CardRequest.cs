namespace Newsroom.Bot.Conversation;

/// <summary>What a "More" or "Context" button under an answer asks for.</summary>
/// <param name="Kind"><see cref="FollowUpKind.More"/> or <see cref="FollowUpKind.Context"/>.</param>
/// <param name="AnswerId">The answer the button is under.</param>
/// <param name="Citation">For "Context": the number of the quote.</param>
public sealed record CardRequest(FollowUpKind Kind, string AnswerId, int? Citation);
