namespace Newsroom.Testing;

/// <summary>How <see cref="BotProcess"/> starts the host: its folders, extra settings, and what the caller wants of the process.</summary>
/// <param name="Corpus">The corpus folder the host watches.</param>
/// <param name="Index">The host's index folder.</param>
public sealed record BotProcessOptions(string Corpus, string Index)
{
    /// <summary>Command-line settings after the host's own (<c>--Key=value</c>).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>
    /// The collector the bot ships with (server GC) when true, for measurements of the bot as it runs
    /// in production; workstation GC when false, so several bots started by tests share the cores.
    /// </summary>
    public bool ServerGarbageCollection { get; init; }

    /// <summary>Each line the host writes (console log), as it comes; it is kept in <see cref="BotProcess.Log"/> either way.</summary>
    public Action<string>? Output { get; init; }

    /// <summary>How many connections <see cref="BotProcess.Client"/> opens to the host at once.</summary>
    public int MaxConnections { get; init; } = int.MaxValue;
}
