using Microsoft.Extensions.Options;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using System.Threading.Channels;

namespace Newsroom.Bot.Hosting;

/// <summary>
/// Keeps the index in step with corpus/ while the bot runs. At start-up it brings the index up to
/// date before the first message (the first start builds it; later starts re-read only files
/// that changed). Then a <see cref="FileSystemWatcher"/> reports changes; a burst of events (a
/// folder copied in, an editor's save dance) is debounced into one pass, and a periodic rescan
/// catches anything the watcher missed (network shares, overflowed event buffers). Files
/// modified within the settle time are left for the next pass, so a file still being copied is
/// never indexed half. Questions are never blocked: a pass commits and refreshes the searchers,
/// and searches keep using the previous snapshot until then.
/// </summary>
internal sealed class CorpusWatcher(
    ArticleIndex index,
    CorpusIndexer indexer,
    IOptions<CorpusOptions> options,
    ResolvedPaths paths,
    ILogger<CorpusWatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CorpusFolder _corpus = new(paths.Corpus, options.Value.MaxFileBytes);

    /// <summary>The report of the last pass (start-up included).</summary>
    public IndexReport? LastReport { get; private set; }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_corpus.Path))
        {
            logger.LogWarning("The corpus folder {Folder} does not exist: the bot starts with no articles", _corpus.Path);
        }

        LastReport = indexer.Synchronize(_corpus, index, cancellationToken);
        foreach (var skipped in LastReport.Skipped)
        {
            logger.LogWarning("Not indexed: {File}: {Reason}", skipped.Key, skipped.Reason);
        }

        return options.Value.Watch ? base.StartAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var watcher = StartWatching();
        var rescan = TimeSpan.FromSeconds(settings.RescanSeconds);
        var debounce = TimeSpan.FromMilliseconds(settings.DebounceMilliseconds);
        var settle = TimeSpan.FromMilliseconds(settings.SettleMilliseconds);
        var wait = rescan;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await NextChangeAsync(wait, stoppingToken))
                {
                    // Debounce: wait for a quiet moment, but no longer than a second in all, so a
                    // steady trickle of files still gets indexed promptly.
                    var burstEnd = DateTime.UtcNow + TimeSpan.FromSeconds(1);
                    while (DateTime.UtcNow < burstEnd && await NextChangeAsync(debounce, stoppingToken))
                    {
                    }
                }

                var report = await Task.Run(() => indexer.Synchronize(_corpus, index, settle, null, stoppingToken), stoppingToken);
                LastReport = report;
                // A file still being written is looked at again as soon as it may have settled.
                wait = report.Deferred > 0 ? settle : rescan;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Lucene.Net.Store.LockObtainFailedException)
            {
                logger.LogError(e, "Updating the index from {Folder} failed; retrying in {Seconds} s", _corpus.Path, settings.RescanSeconds);
                wait = rescan;
            }
        }
    }

    private FileSystemWatcher? StartWatching()
    {
        if (!Directory.Exists(_corpus.Path))
        {
            return null; // the periodic rescan notices the folder when it appears
        }

        var watcher = new FileSystemWatcher(_corpus.Path)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        FileSystemEventHandler changed = (_, _) => _changes.Writer.TryWrite(true);
        watcher.Created += changed;
        watcher.Changed += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => _changes.Writer.TryWrite(true);
        watcher.Error += (_, e) =>
        {
            logger.LogWarning(e.GetException(), "Watching {Folder} lost events; rescanning", _corpus.Path);
            _changes.Writer.TryWrite(true);
        };
        watcher.EnableRaisingEvents = true;
        _changes.Writer.TryWrite(true); // one pass now: a file that landed between the start-up pass and here had no event
        logger.LogInformation("Watching {Folder} for new, changed and deleted articles", _corpus.Path);
        return watcher;
    }

    /// <summary>True when a change arrived within <paramref name="timeout"/>, false when the time ran out.</summary>
    private async Task<bool> NextChangeAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timer.CancelAfter(timeout);
        try
        {
            await _changes.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>The absolute folders the host works with, resolved once at start-up.</summary>
public sealed record ResolvedPaths(string Root, string Corpus, string Index);
