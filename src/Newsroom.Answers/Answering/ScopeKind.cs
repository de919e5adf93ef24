namespace Newsroom.Answers.Answering;

/// <summary>What a scoped answer lists.</summary>
public enum ScopeKind
{
    /// <summary>The best sentences on the topic within the limit; the next page is the next best sentences.</summary>
    Limited,

    /// <summary>The newest articles (their lead sentences); the next page is the next older ones.</summary>
    Articles,

    /// <summary>The newest articles on the topic, each with its best sentence on it; the next page is the next older ones.</summary>
    Latest,
}
