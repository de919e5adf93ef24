using Newsroom.Answers.Answering;

namespace Newsroom.Bot.Conversation;

/// <summary>What a limited question searched for, and the limit, in plain values that any IStorage keeps as JSON.</summary>
/// <param name="Topic">The question without its limits, as the answerer was asked it.</param>
/// <param name="From">Earliest publication date let through (inclusive), if limited.</param>
/// <param name="Until">Publication dates from here on are left out, if limited.</param>
/// <param name="Source">The source the answer is limited to, if any.</param>
public sealed record ThreadLimit(string Topic, DateTimeOffset? From, DateTimeOffset? Until, string? Source)
{
    /// <summary>What the thread lists: sentences on the topic, or articles ("what articles do you have?", "latest on Libya").</summary>
    public ScopeKind Kind { get; init; } = ScopeKind.Limited;

    /// <summary>The limit of <paramref name="scope"/>.</summary>
    public static ThreadLimit Of(AnswerScope scope) =>
        new(scope.Topic, scope.Filter.Dates?.From, scope.Filter.Dates?.Until, scope.Filter.Source) { Kind = scope.Kind };

    /// <summary>The scope again, for the next page.</summary>
    public AnswerScope ToScope() => new(Topic, ToFilter()) { Kind = Kind };

    /// <summary>The same limit, for the answerer.</summary>
    public ArchiveFilter ToFilter() =>
        new(From is null && Until is null ? null : new DateRange(From, Until), Source);
}
