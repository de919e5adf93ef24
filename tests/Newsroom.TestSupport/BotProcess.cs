using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Testing;

/// <summary>
/// The real bot as a separate process (<c>dotnet Newsroom.Bot.dll</c>, Kestrel) on a free loopback
/// port, as it runs in production: for tests that must kill it the hard way (SIGKILL) or restart it,
/// and for the benchmark and the load test. Its console log is kept for assertions and failure messages.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private BotProcess(Process process, int port, int maxConnections)
    {
        _process = process;
        Port = port;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The loopback port the host listens on.</summary>
    public int Port { get; }

    /// <summary>A client for the host (base address set).</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the host has written so far, one line each.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>The host assembly built next to the running program (same configuration: bin/&lt;Configuration&gt;/net10.0/).</summary>
    public static string HostAssembly
    {
        get
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
            var path = Path.Combine(Repository.Root, "src", "Newsroom.Bot", "bin", configuration, "net10.0", "Newsroom.Bot.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the bot first ({configuration}): the host is not at {path}", path);
        }
    }

    /// <summary>Starts the host over <paramref name="corpus"/> and <paramref name="index"/> with <paramref name="settings"/> (<c>--Key=value</c>); it is not ready yet.</summary>
    public static BotProcess Start(string corpus, string index, params string[] settings) =>
        Start(new BotProcessOptions(corpus, index) { Settings = settings });

    /// <summary>Starts the host as <paramref name="options"/> say; it is not ready yet (see <see cref="WaitUntilHealthyAsync"/>).</summary>
    public static BotProcess Start(BotProcessOptions options)
    {
        var port = FreePort.OnLoopback();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var argument in (string[])[$"--urls=http://127.0.0.1:{port}", $"--Corpus:Folder={options.Corpus}", $"--Index:Folder={options.Index}", "--Logging:Console:FormatterName=simple", "--Feedback:RecordUnanswered=false", .. options.Settings])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Root"] = Repository.Root;
        if (!options.ServerGarbageCollection)
        {
            start.Environment["DOTNET_gcServer"] = "0";
        }

        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process, port, options.MaxConnections);
        void Keep(string? line)
        {
            if (line is not null)
            {
                bot._log.Enqueue(line);
                options.Output?.Invoke(line);
            }
        }

        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Waits until a line of the log contains <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_log.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            ThrowIfExited($"before logging '{text}'");
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The bot did not log '{text}' within {timeout.TotalSeconds} s:\n{Log}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until /health satisfies <paramref name="condition"/>; returns that health report.</summary>
    public async Task<JsonObject> WaitForHealthAsync(Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var health = await HealthAsync();
            if (health is not null && condition(health))
            {
                return health;
            }

            ThrowIfExited("while waiting for /health");
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"/health did not reach the expected state within {timeout.TotalSeconds} s (last: {health?.ToJsonString()}):\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until /health answers 200 (the host listens and has an archive to answer from); polls
    /// often, so the time this takes measures the host's start-up.
    /// </summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await Client.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            ThrowIfExited("while starting");
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"/health did not answer 200 within {timeout.TotalSeconds} s:\n{Log}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The /health report, or null while the host is not listening.</summary>
    public async Task<JsonObject?> HealthAsync()
    {
        try
        {
            var response = await Client.GetAsync("health");
            return await response.Content.ReadFromJsonAsync<JsonObject>();
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    /// <summary>Asks a question with expectReplies (in a new conversation unless <paramref name="conversation"/> names one) and returns the text of the bot's messages.</summary>
    public Task<string> AskAsync(string question, string? conversation = null) => ExpectReplies.AskAsync(Client, question, conversation);

    /// <summary>The process's peak resident memory (Linux VmHWM), in bytes; its peak working set elsewhere.</summary>
    public long PeakMemoryBytes()
    {
        if (Status("VmHWM") is { } peak)
        {
            return peak;
        }

        _process.Refresh();
        return _process.PeakWorkingSet64;
    }

    /// <summary>
    /// The process's resident memory now, split into its own (heap, code: Linux RssAnon) and mapped
    /// files (RssFile: mostly the index's memory-mapped files, which are the kernel's page cache), in bytes.
    /// </summary>
    public (long? Own, long? MappedFiles) ResidentNow() => (Status("RssAnon"), Status("RssFile"));

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or the container dies.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        KillHard();
        Client.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void ThrowIfExited(string when)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The bot exited ({_process.ExitCode}) {when}:\n{Log}");
        }
    }

    private long? Status(string key)
    {
        var status = $"/proc/{_process.Id}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal)) : null;
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
