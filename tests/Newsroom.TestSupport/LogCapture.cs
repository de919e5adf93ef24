using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;

namespace Newsroom.Testing;

/// <summary>Keeps every log entry the host writes, at every level, with its exception, so tests can read what an operator would.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly ConcurrentQueue<string> _scopes = new();

    /// <summary>Each entry as an operator would read it: level, category, message, structured values and exception.</summary>
    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>Every logging scope opened, as "category scope: state" (kept apart from <see cref="Entries"/>).</summary>
    public IReadOnlyList<string> Scopes => [.. _scopes];

    /// <summary>Entries and scopes in one text, for checks that something never appears anywhere in the logs.</summary>
    public string All => string.Join('\n', _entries.Concat(_scopes));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries, _scopes);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries, ConcurrentQueue<string> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            scopes.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The raw values too: a structured sink (Application Insights, Seq) stores them even when the message text leaves them out.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
