namespace Newsroom.Answers.Answering;

/// <summary>How a limited answer was found: <paramref name="Topic"/> asked of <see cref="QuestionAnswerer"/> within <paramref name="Filter"/>.</summary>
/// <param name="Topic">The question without its limits ("deportations"); empty for a list of articles.</param>
/// <param name="Filter">The date range and source the answer is limited to.</param>
public sealed record AnswerScope(string Topic, ArchiveFilter Filter)
{
    /// <summary>What kind of answer it was, so that the next page is the same kind.</summary>
    public ScopeKind Kind { get; init; } = ScopeKind.Limited;
}
