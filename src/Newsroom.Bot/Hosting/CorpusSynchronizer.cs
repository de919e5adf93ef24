using Microsoft.Extensions.Options;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;

namespace Newsroom.Bot.Hosting;

/// <summary>
/// Brings the index up to date with corpus/ before the bot takes its first message: the first
/// start builds it, later starts re-read only files that changed.
/// </summary>
internal sealed class CorpusSynchronizer(
    ArticleIndex index,
    CorpusIndexer indexer,
    IOptions<CorpusOptions> options,
    ResolvedPaths paths,
    ILogger<CorpusSynchronizer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var corpus = new CorpusFolder(paths.Corpus, options.Value.MaxFileBytes);
        if (!Directory.Exists(corpus.Path))
        {
            logger.LogWarning("The corpus folder {Folder} does not exist: the bot starts with no articles", corpus.Path);
        }

        var report = indexer.Synchronize(corpus, index, cancellationToken);
        foreach (var skipped in report.Skipped)
        {
            logger.LogWarning("Not indexed: {File}: {Reason}", skipped.Key, skipped.Reason);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The absolute folders the host works with, resolved once at start-up.</summary>
public sealed record ResolvedPaths(string Root, string Corpus, string Index);
