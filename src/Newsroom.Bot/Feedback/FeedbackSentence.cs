namespace Newsroom.Bot.Feedback;

/// <summary>One cited sentence, as a vote records it.</summary>
/// <param name="Id">The sentence's id in the index ("key#paragraph.sentence").</param>
/// <param name="Text">The sentence as it was cited.</param>
public sealed record FeedbackSentence(string Id, string Text);
