using Microsoft.Extensions.Logging;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using Newsroom.Testing;

namespace Newsroom.Answers.Tests;

/// <summary>A file name cannot forge a log line: control characters in it are written as escapes.</summary>
public sealed class LogLineTests
{
    [Fact]
    public void A_file_named_with_a_line_break_is_logged_on_one_line_with_the_break_escaped()
    {
        using var corpus = new TestCorpus();
        corpus.Write("bad\n[12:00:00 INF] forged\u001b[2K.txt", "   ");
        using var logs = new LogCapture();

        new CorpusIndexer(new SentenceSplitter(), new Captured<CorpusIndexer>(logs.CreateLogger(nameof(CorpusIndexer)))).Synchronize(corpus.Corpus, corpus.Index);

        var skipped = Assert.Single(logs.Entries, e => e.Contains("Skipped corpus file", StringComparison.Ordinal));
        Assert.Contains("bad\\n[12:00:00 INF] forged\\u001B[2K.txt", skipped);
        Assert.DoesNotContain('\n', skipped);
        Assert.DoesNotContain('\u001b', skipped);
    }

    [Theory]
    [InlineData("plain name.txt", "plain name.txt")]
    [InlineData("a\r\nb\tc", "a\\r\\nb\\tc")]
    [InlineData("\u202Eevil\u2028", "\\u202Eevil\\u2028")]
    public void Escapes_control_separator_and_direction_characters(string text, string expected) =>
        Assert.Equal(expected, LogText.Escape(text));

    private sealed class Captured<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
