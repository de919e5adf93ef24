namespace Newsroom.Answers.Corpus;

/// <summary>The result of reading one corpus file: an article, or the reason it was skipped.</summary>
internal sealed record ReadResult(CorpusFile File, Article? Article, string? SkipReason, string? ContentHash)
{
    /// <summary>Every article the file holds (a JSON array or a feed holds several); <see cref="Article"/> is the first.</summary>
    public IReadOnlyList<Article> Articles { get; init; } = Article is null ? [] : [Article];
}
