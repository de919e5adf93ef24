namespace Newsroom.Bot.Conversation;

/// <summary>What a message asks of the conversation.</summary>
public enum FollowUpKind
{
    /// <summary>A question of its own.</summary>
    Question,

    /// <summary>"more": the next best sentences for the same question.</summary>
    More,

    /// <summary>"context", "show the paragraph", "context 2": the paragraph around a cited sentence.</summary>
    Context,

    /// <summary>"which article?", "source": where the cited sentences are from.</summary>
    Source,

    /// <summary>"and Rwanda?", "when?": a short question read against the previous one.</summary>
    Topic,

    /// <summary>A thumbs up or down typed (or sent by a button whose value the channel dropped).</summary>
    Vote,
}
