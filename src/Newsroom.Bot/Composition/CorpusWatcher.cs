using Microsoft.Extensions.Options;
using Newsroom.Answers;
using Newsroom.Answers.Indexing;
using Newsroom.Bot.Commands;
using System.Threading.Channels;

namespace Newsroom.Bot.Composition;

/// <summary>
/// Keeps the index in step with corpus/ while the bot runs. The first pass runs in the background
/// after start-up, so the host listens at once: the bot answers from the last committed index
/// (after a crash, a restart serves what was committed and finishes the update here), and only an
/// index with nothing in it yet makes the bot say the archive is being rebuilt (see
/// <see cref="NewsroomArchive.IsRebuilding"/>). A first pass that fails (disk full, folder gone) is logged, leaves
/// the last good index serving, and is retried with a growing pause. Then a
/// <see cref="FileSystemWatcher"/> reports changes; a burst of events (a folder copied in, an
/// editor's save dance) is debounced into one pass, and a periodic rescan catches anything the
/// watcher missed (network shares, overflowed event buffers). Files modified within the settle
/// time are left for the next pass, so a file still being copied is never indexed half. Questions
/// are never blocked: a pass commits and refreshes the searchers, and searches keep using the
/// previous snapshot until then.
/// </summary>
internal sealed class CorpusWatcher(
    NewsroomArchive archive,
    IOptions<CorpusOptions> options,
    ILogger<CorpusWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(5);

    // What the watcher saw since the last pass: paths to look at, or that only a full pass will do.
    private readonly object _pendingLock = new();
    private HashSet<string> _pendingPaths = new(StringComparer.Ordinal);
    private bool _fullPassPending = true;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The report of the last pass that succeeded (start-up included).</summary>
    public IndexReport? LastReport { get; private set; }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(archive.CorpusFolder))
        {
            logger.LogWarning("The corpus folder {Folder} does not exist: the bot starts with no articles", archive.CorpusFolder);
        }

        // The first pass too runs in ExecuteAsync, off the start-up path: the host starts listening at once.
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => RunAsync(stoppingToken), stoppingToken)
            .ContinueWith(_ => { }, TaskScheduler.Default); // stopping mid-pass is not an error

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var pause = FirstRetry;
        while (!TryPass(TimeSpan.Zero, stoppingToken))
        {
            await Task.Delay(pause, stoppingToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }

        if (options.Value.Watch && !stoppingToken.IsCancellationRequested)
        {
            await WatchAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One pass over the corpus, or over <paramref name="changedPaths"/> only when given; false when it
    /// failed (logged, and recorded in <see cref="NewsroomArchive.Problem"/>).
    /// </summary>
    private bool TryPass(TimeSpan settle, CancellationToken stoppingToken, IReadOnlyCollection<string>? changedPaths = null)
    {
        try
        {
            var report = archive.IndexCorpus(settle, null, changedPaths, stoppingToken);
            foreach (var skipped in report.Skipped)
            {
                logger.LogWarning("Not indexed: {File}: {Reason}", TerminalText.Printable(skipped.Key), TerminalText.Printable(skipped.Reason));
            }

            LastReport = report;
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception e)
        {
            // Broad on purpose: a background service that throws stops the host, and any failure
            // here (disk full, folder gone, a damaged segment) must leave the last good index serving.
            // The archive has recorded the failure (NewsroomArchive.Problem) in words staff can act on.
            logger.LogError(e, "The index could not be brought up to date with {Folder} ({Problem}); still serving the last good index: {Articles} articles, {Sentences} sentences",
                archive.CorpusFolder, archive.Problem, archive.ArticleCount, archive.SentenceCount);
            return false;
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
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
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            // The paths the watcher reported are looked at alone; a full pass runs at each rescan, and
            // whenever the watcher lost track (overflow, or nothing to go on). A failed pass is retried
            // at the next rescan; a file still being written is looked at again as soon as it may have
            // settled (its path stays pending).
            var (paths, full) = TakePending();
            var incremental = !full && paths.Count > 0;
            var succeeded = TryPass(settle, stoppingToken, incremental ? paths : null);
            if (incremental && !succeeded)
            {
                RequestFullPass();
            }

            if (succeeded && LastReport is { Deferred: > 0 })
            {
                Pending(paths);
                wait = settle;
            }
            else
            {
                wait = rescan;
            }
        }
    }

    private void Pending(IEnumerable<string> paths)
    {
        lock (_pendingLock)
        {
            _pendingPaths.UnionWith(paths);
        }

        _changes.Writer.TryWrite(true);
    }

    private void RequestFullPass()
    {
        lock (_pendingLock)
        {
            _fullPassPending = true;
        }

        _changes.Writer.TryWrite(true);
    }

    private (IReadOnlyCollection<string> Paths, bool Full) TakePending()
    {
        lock (_pendingLock)
        {
            var taken = (_pendingPaths, _fullPassPending || _pendingPaths.Count == 0);
            _pendingPaths = new HashSet<string>(StringComparer.Ordinal);
            _fullPassPending = false;
            return taken;
        }
    }

    private FileSystemWatcher? StartWatching()
    {
        if (!Directory.Exists(archive.CorpusFolder))
        {
            return null; // the periodic rescan notices the folder when it appears
        }

        var watcher = new FileSystemWatcher(archive.CorpusFolder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        FileSystemEventHandler changed = (_, e) => Pending([e.FullPath]);
        watcher.Created += changed;
        watcher.Changed += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, e) => Pending([e.OldFullPath, e.FullPath]);
        watcher.Error += (_, e) =>
        {
            logger.LogWarning(e.GetException(), "Watching {Folder} lost events; rescanning", archive.CorpusFolder);
            RequestFullPass();
        };
        watcher.EnableRaisingEvents = true;
        RequestFullPass(); // one full pass now: a file that landed between the start-up pass and here had no event
        logger.LogInformation("Watching {Folder} for new, changed and deleted articles", archive.CorpusFolder);
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
