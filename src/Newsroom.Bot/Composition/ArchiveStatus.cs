namespace Newsroom.Bot.Composition;

/// <summary>
/// What the bot can say about its archive while the index is brought up to date in the background:
/// whether the first pass since start-up has finished, whether the index had to be rebuilt, and
/// the last thing that could not be done. One per process.
/// </summary>
public sealed class ArchiveStatus
{
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _problem;

    /// <summary>True once the first pass over the corpus since start-up has ended (well or not).</summary>
    public bool FirstPassDone => _firstPass.Task.IsCompleted;

    /// <summary>Completes when the first pass has ended.</summary>
    public Task FirstPass => _firstPass.Task;

    /// <summary>Why the index on disk could not be opened at start-up (it is being rebuilt), if it could not.</summary>
    public string? Damage { get; internal set; }

    /// <summary>The last failure of an indexing pass, cleared by the next pass that succeeds.</summary>
    public string? Problem => _problem;

    internal void PassSucceeded()
    {
        _problem = null;
        _firstPass.TrySetResult();
    }

    internal void PassFailed(string problem)
    {
        _problem = problem;
        _firstPass.TrySetResult();
    }
}
