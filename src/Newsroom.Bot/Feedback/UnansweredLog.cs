using System.Text;
using System.Text.Json;

namespace Newsroom.Bot.Feedback;

/// <summary>
/// The questions the bot could not answer with confidence, one JSON object per line, for staff to
/// see what the reporting (or the synonyms) lacks. Conversations may be sensitive, so recording is
/// a setting (<see cref="FeedbackOptions.RecordUnanswered"/>) and lines older than the retention
/// period are deleted: the file is rewritten without them at the first record after start-up and
/// then at most once a day, and readers never show them.
/// </summary>
public sealed class UnansweredLog(string path, bool enabled, TimeSpan retention, TimeProvider? clock = null) : IDisposable
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromDays(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private DateTimeOffset? _pruned;

    /// <summary>The file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Whether questions are recorded at all.</summary>
    public bool Enabled { get; } = enabled;

    /// <summary>How long a question is kept.</summary>
    public TimeSpan Retention { get; } = retention;

    /// <summary>Records <paramref name="question"/>, asked on <paramref name="channel"/>, now; nothing when recording is off.</summary>
    public async Task RecordAsync(string question, string? channel)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(question))
        {
            return;
        }

        var now = _clock.GetUtcNow();
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new UnansweredQuestion(now, question.Trim(), channel), FeedbackLog.Json) + "\n");
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            if (_pruned is null || now - _pruned >= PruneInterval)
            {
                Prune(now);
                _pruned = now;
            }

            await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1, FileOptions.None);
            await file.WriteAsync(line, CancellationToken.None);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The questions in the file asked within <paramref name="retention"/> before <paramref name="now"/>; unreadable lines are counted.</summary>
    public static (IReadOnlyList<UnansweredQuestion> Questions, int Unreadable) Read(string path, DateTimeOffset now, TimeSpan retention)
    {
        if (!File.Exists(path))
        {
            return ([], 0);
        }

        var questions = new List<UnansweredQuestion>();
        var unreadable = 0;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            UnansweredQuestion? question = null;
            try
            {
                question = JsonSerializer.Deserialize<UnansweredQuestion>(line, FeedbackLog.Json);
            }
            catch (JsonException)
            {
                // counted below
            }

            if (question is not { Question: not null })
            {
                unreadable++;
            }
            else if (now - question.Time <= retention)
            {
                questions.Add(question);
            }
        }

        return (questions, unreadable);
    }

    /// <summary>Rewrites the file without the questions older than the retention period (lines that cannot be read are kept for a person to look at).</summary>
    private void Prune(DateTimeOffset now)
    {
        if (!File.Exists(Path))
        {
            return;
        }

        var kept = new StringBuilder();
        var dropped = 0;
        foreach (var line in File.ReadLines(Path, Encoding.UTF8))
        {
            DateTimeOffset? time = null;
            try
            {
                time = JsonSerializer.Deserialize<UnansweredQuestion>(line, FeedbackLog.Json)?.Time;
            }
            catch (JsonException)
            {
                // kept as it is
            }

            if (time is { } asked && now - asked > Retention)
            {
                dropped++;
                continue;
            }

            if (line.Length > 0)
            {
                kept.Append(line).Append('\n');
            }
        }

        if (dropped == 0)
        {
            return;
        }

        var partial = Path + ".partial";
        File.WriteAllText(partial, kept.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(partial, Path, overwrite: true);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
