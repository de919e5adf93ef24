using Microsoft.Extensions.Options;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;

namespace Newsroom.Bot.Hosting;

/// <summary>
/// Brings the index up to date with corpus/ in the background after start-up: the bot answers
/// from the last committed index at once (after a crash, a restart serves what was committed and
/// finishes the update here), and only an index with nothing in it yet makes the bot say the
/// archive is being rebuilt. A pass that fails (disk full, folder gone) is logged, leaves the last
/// good index serving, and is retried with a growing pause.
/// </summary>
internal sealed class CorpusSynchronizer(
    ArticleIndex index,
    CorpusIndexer indexer,
    ArchiveStatus status,
    IOptions<CorpusOptions> options,
    ResolvedPaths paths,
    ILogger<CorpusSynchronizer> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(async () =>
    {
        var pause = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (TrySynchronize(stoppingToken))
            {
                return;
            }

            await Task.Delay(pause, stoppingToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default); // stopping mid-pass is not an error

    private bool TrySynchronize(CancellationToken stoppingToken)
    {
        var corpus = new CorpusFolder(paths.Corpus, options.Value.MaxFileBytes);
        if (!Directory.Exists(corpus.Path))
        {
            logger.LogWarning("The corpus folder {Folder} does not exist: the bot starts with no articles", corpus.Path);
        }

        try
        {
            var report = indexer.Synchronize(corpus, index, stoppingToken);
            foreach (var skipped in report.Skipped)
            {
                logger.LogWarning("Not indexed: {File}: {Reason}", skipped.Key, skipped.Reason);
            }

            status.PassSucceeded();
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception e)
        {
            var problem = Describe(e);
            logger.LogError(e, "The index could not be brought up to date with {Folder} ({Problem}); still serving the last good index: {Articles} articles, {Sentences} sentences",
                corpus.Path, problem, index.ArticleCount, index.SentenceCount);
            status.PassFailed(problem);
            return false;
        }
    }

    private static string Describe(Exception e) =>
        (e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : e) switch
        {
            IOException io => $"disk or file error: {io.Message}",
            UnauthorizedAccessException denied => $"permission denied: {denied.Message}",
            var other => $"{other.GetType().Name}: {other.Message}",
        };
}

/// <summary>The absolute folders the host works with, resolved once at start-up.</summary>
public sealed record ResolvedPaths(string Root, string Corpus, string Index);
