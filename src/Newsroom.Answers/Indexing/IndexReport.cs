namespace Newsroom.Answers.Indexing;

/// <summary>What one pass over the corpus did.</summary>
public sealed record IndexReport(
    int Added,
    int Updated,
    int Removed,
    int Unchanged,
    IReadOnlyList<SkippedFile> Skipped,
    int Articles,
    int Sentences,
    TimeSpan Elapsed)
{
    /// <summary>True when the pass changed what the index serves.</summary>
    public bool Changed => Added + Updated + Removed > 0;

    /// <summary>Articles indexed once only, because another copy was already there.</summary>
    public IReadOnlyList<DuplicateArticle> Duplicates { get; init; } = [];

    /// <summary>Files left for a later pass because they were still being written (modified within the settle time).</summary>
    public int Deferred { get; init; }
}
