namespace Newsroom.Bot.Conversation;

/// <summary>A thumbs up or down on an answer, from any channel.</summary>
/// <param name="Reaction">"like" or "dislike".</param>
/// <param name="AnswerId">Our id of the answer, when the button carried it.</param>
/// <param name="Comment">What the user wrote about it, if anything.</param>
public sealed record Vote(string Reaction, string? AnswerId, string? Comment);
