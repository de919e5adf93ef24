using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Newsroom.Bot.Feedback;

/// <summary>
/// The feedback file: one JSON object per line (JSON Lines), so staff can read it with any
/// tool, a half-written line can never corrupt the lines before it, and appending needs no
/// rewrite. Appends are serialised in this process and each line is written with one append
/// and flushed to disk before the vote is acknowledged, so a vote that was thanked is not lost.
/// </summary>
public sealed class FeedbackLog(string path) : IDisposable
{
    /// <summary>camelCase, as JSON tools expect; UTF-8 text kept readable (quotes, accents) rather than \u-escaped.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Appends <paramref name="entry"/> as one line.</summary>
    public async Task AppendAsync(FeedbackEntry entry)
    {
        // Serialised without line breaks (JSON escapes them inside strings), so one entry is one line.
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        // Not cancellable on purpose: a vote the user gave is written even if the request goes away.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1, FileOptions.None);
            await file.WriteAsync(line, CancellationToken.None);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every entry in the file (none when there is no file yet); lines that are not valid entries are counted, not fatal.</summary>
    public static (IReadOnlyList<FeedbackEntry> Entries, int Unreadable) Read(string path)
    {
        if (!File.Exists(path))
        {
            return ([], 0);
        }

        var entries = new List<FeedbackEntry>();
        var unreadable = 0;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<FeedbackEntry>(line, Json) is { Reaction: not null, Question: not null } entry)
                {
                    entries.Add(entry with { Citations = entry.Citations ?? [] });
                    continue;
                }
            }
            catch (JsonException)
            {
                // counted below: someone edited the file by hand, or a disk filled up mid-line
            }

            unreadable++;
        }

        return (entries, unreadable);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
