using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Newsroom.Bot.Tests;

/// <summary>
/// The real bot as a separate process (<c>dotnet Newsroom.Bot.dll</c>) on a free loopback port, for
/// tests that must kill it the hard way (SIGKILL) or restart it. Its console log is kept for assertions.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private BotProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Log => string.Join('\n', _log);

    /// <summary>The host assembly built next to the tests (same configuration).</summary>
    public static string HostAssembly
    {
        get
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!; // bin/<Configuration>/net10.0/
            var path = Path.Combine(Repository.Root, "src", "Newsroom.Bot", "bin", configuration, "net10.0", "Newsroom.Bot.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the host is not at " + path);
        }
    }

    public static BotProcess Start(string corpus, string index, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var argument in (string[])[$"--urls=http://127.0.0.1:{port}", $"--Corpus:Folder={corpus}", $"--Index:Folder={index}", "--Logging:Console:FormatterName=simple", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Root"] = Repository.Root;
        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process, port);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) bot._log.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) bot._log.Enqueue(line.Data); };
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
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited ({_process.ExitCode}) before logging '{text}':\n{Log}");
            }

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

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"/health did not reach the expected state within {timeout.TotalSeconds} s (last: {health?.ToJsonString()}):\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<JsonObject?> HealthAsync()
    {
        try
        {
            var response = await Client.GetAsync("/health");
            return await response.Content.ReadFromJsonAsync<JsonObject>();
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    /// <summary>Asks a question with expectReplies and returns the text of the bot's message.</summary>
    public Task<string> AskAsync(string question) => ExpectReplies.AskAsync(Client, question);

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or the container dies.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        KillHard();
        Client.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
