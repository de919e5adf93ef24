using Microsoft.Extensions.Logging;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers;

/// <summary>How a <see cref="NewsroomArchive"/> reads its corpus and answers.</summary>
/// <param name="CorpusFolder">The folder newsroom staff drop articles into.</param>
public sealed record ArchiveSettings(string CorpusFolder)
{
    /// <summary>Files larger than this are skipped, with the reason, rather than read.</summary>
    public long MaxFileBytes { get; init; } = Corpus.CorpusFolder.DefaultMaxFileBytes;

    /// <summary>How questions are answered.</summary>
    public AnswerOptions Answers { get; init; } = new();

    /// <summary>
    /// The model that gives every sentence a meaning vector, or null for none. Owned by the caller
    /// (one model can serve several archives); changing it rebuilds the index from the corpus.
    /// </summary>
    public ISentenceEncoder? Encoder { get; init; }

    /// <summary>Where indexing passes report what they did; nothing is logged when null.</summary>
    public ILoggerFactory? Logging { get; init; }

    /// <summary>The clock "last week" and "yesterday" are read against.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
