namespace Newsroom.Answers.Indexing;

/// <summary>What the index remembers about one corpus file, to tell on the next start whether it changed.</summary>
/// <param name="Length">File size when indexed.</param>
/// <param name="LastWriteTicks">File modification time (UTC ticks) when indexed.</param>
/// <param name="Hash">SHA-256 of the file's bytes.</param>
/// <param name="Sentences">Sentences indexed from it (0 when it was skipped).</param>
/// <param name="SkipReason">Why it was skipped, if it was.</param>
internal sealed record ManifestEntry(long Length, long LastWriteTicks, string Hash, int Sentences, string? SkipReason)
{
    /// <summary>The articles the file holds (several for a JSON array, JSON Lines or a feed), indexed or not.</summary>
    public IReadOnlyList<ManifestArticle> Articles { get; init; } = [];
}
