namespace Newsroom.Answers.Indexing;

/// <summary>What the index remembers about one article of a file, to find duplicates across the corpus.</summary>
/// <param name="Key">The article key ("a.txt", or "feed.xml#3" for the fourth item of a collection).</param>
/// <param name="Identities">What makes two articles the same one: its normalised URL and the hash of its text.</param>
/// <param name="Sentences">Sentences it has (indexed or not).</param>
/// <param name="DuplicateOf">The article it duplicates, when it is not indexed for that reason.</param>
internal sealed record ManifestArticle(string Key, IReadOnlyList<string> Identities, int Sentences, string? DuplicateOf)
{
    /// <summary>True when its sentences are in the index.</summary>
    public bool Indexed => DuplicateOf is null && Sentences > 0;
}
