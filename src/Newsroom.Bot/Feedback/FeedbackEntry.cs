namespace Newsroom.Bot.Feedback;

/// <summary>One vote on one answer: a line of the feedback file.</summary>
/// <param name="Time">When it was given (UTC).</param>
/// <param name="Reaction">"like" or "dislike".</param>
/// <param name="Question">The question the answer answered.</param>
/// <param name="Citations">The sentences the answer cited.</param>
/// <param name="Comment">What the user wrote, if anything.</param>
/// <param name="Channel">Where it came from (msteams, webchat, emulator…).</param>
/// <param name="AnswerId">The bot's id for the answer (two votes with one id are on the same reply).</param>
public sealed record FeedbackEntry(
    DateTimeOffset Time,
    string Reaction,
    string Question,
    IReadOnlyList<FeedbackSentence> Citations,
    string? Comment,
    string? Channel,
    string? AnswerId);
