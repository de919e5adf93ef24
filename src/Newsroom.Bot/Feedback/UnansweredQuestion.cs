namespace Newsroom.Bot.Feedback;

/// <summary>A question the bot had no confident answer for: a line of the unanswered-questions file.</summary>
/// <param name="Time">When it was asked (UTC).</param>
/// <param name="Question">The question as the bot searched for it (a follow-up as it was read).</param>
/// <param name="Channel">Where it came from (msteams, webchat, emulator…).</param>
public sealed record UnansweredQuestion(DateTimeOffset Time, string Question, string? Channel);
