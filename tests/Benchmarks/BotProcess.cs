using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Newsroom.Benchmarks;

/// <summary>The real bot (Kestrel on loopback) as its own process, as it runs in production.</summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>Starts the bot and waits until /health answers; returns it and the time that took.</summary>
    public static async Task<(BotProcess Bot, TimeSpan StartUp)> StartAsync(string repositoryRoot, string configuration, string corpus, string index)
    {
        var dll = Path.Combine(repositoryRoot, "src", "Newsroom.Bot", "bin", configuration, "net10.0", "Newsroom.Bot.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the bot first ({configuration}): {dll} is missing", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", $"--Corpus:Folder={corpus}", $"--Index:Folder={index}", "--Logging:LogLevel:Default=Warning" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Root"] = repositoryRoot;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("bot: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with code {process.ExitCode} while starting");
            }

            try
            {
                if ((await bot.Client.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return (bot, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Asks through POST /api/messages with expectReplies; returns the reply text.</summary>
    public async Task<string> AskAsync(string conversation, string text)
    {
        var response = await Client.PostAsJsonAsync("api/messages", new
        {
            type = "message",
            id = Guid.NewGuid().ToString("N"),
            channelId = "emulator",
            serviceUrl = "http://127.0.0.1:9/",
            deliveryMode = "expectReplies",
            from = new { id = "benchmark" },
            recipient = new { id = "bot" },
            conversation = new { id = conversation },
            text,
        });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["activities"]!.AsArray().Where(a => (string?)a!["type"] == "message").Select(a => (string?)a!["text"]).LastOrDefault()
            ?? throw new InvalidOperationException("The bot sent no message");
    }

    /// <summary>The process's peak resident memory (Linux VmHWM), in bytes; its current working set elsewhere.</summary>
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

    private long? Status(string key)
    {
        var status = $"/proc/{_process.Id}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal)) : null;
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
