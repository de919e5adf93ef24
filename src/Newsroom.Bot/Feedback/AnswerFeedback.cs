namespace Newsroom.Bot.Feedback;

/// <summary>The votes on one answer: one question with one set of cited sentences.</summary>
/// <param name="Question">The question.</param>
/// <param name="Citations">The sentences cited.</param>
/// <param name="Likes">Thumbs up.</param>
/// <param name="Dislikes">Thumbs down.</param>
/// <param name="Comments">What people wrote, oldest first.</param>
/// <param name="Last">The latest vote.</param>
public sealed record AnswerFeedback(
    string Question,
    IReadOnlyList<FeedbackSentence> Citations,
    int Likes,
    int Dislikes,
    IReadOnlyList<string> Comments,
    DateTimeOffset Last);
