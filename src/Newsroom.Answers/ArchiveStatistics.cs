namespace Newsroom.Answers;

/// <summary>What the archive holds now, how big its index is, and when it last changed.</summary>
/// <param name="Articles">Articles that can be cited.</param>
/// <param name="Sentences">Sentences that can be cited.</param>
/// <param name="FilesIndexed">Corpus files with sentences in the index.</param>
/// <param name="FilesSkipped">Corpus files that could not be read as articles.</param>
/// <param name="DuplicateArticles">Articles left out because another copy (same link or same text) is indexed.</param>
/// <param name="SizeInBytes">Bytes the index takes on disk (or in memory).</param>
/// <param name="MeaningModel">The name of the model that gave every sentence a meaning vector, or null when there is none.</param>
/// <param name="LastUpdatedUtc">When the index last changed, if it has been written.</param>
public sealed record ArchiveStatistics(
    int Articles,
    int Sentences,
    int FilesIndexed,
    int FilesSkipped,
    int DuplicateArticles,
    long SizeInBytes,
    string? MeaningModel,
    DateTimeOffset? LastUpdatedUtc);
