using StackExchange.Redis;
using System.Diagnostics;
using System.Globalization;

namespace Newsroom.Testing;

/// <summary>
/// Debian's redis-server on a free loopback port, with no persistence, as a class fixture: every
/// connection handed out is closed and the server stopped when the class's tests are done. Without
/// the package (and without CI) it starts nothing, and the tests, marked
/// <c>[SystemFact("redis-server")]</c>, skip and say what to install.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process? _process;
    private readonly List<ConnectionMultiplexer> _connections = [];

    /// <summary>Starts redis-server and waits (at most 20 s) until it answers PING.</summary>
    public RedisServer()
    {
        var port = FreePort.OnLoopback();
        ConnectionString = $"127.0.0.1:{port}";
        if (!SystemPackages.IsInstalled("redis-server") && !SystemPackages.InCi)
        {
            return; // every test that needs it skips and says why
        }

        SystemPackages.Require("redis-server");
        var start = new ProcessStartInfo(SystemPackages.Programs["redis-server"]) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");
        _process.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = ConnectionMultiplexer.Connect(ConnectionString);
                probe.GetDatabase().Ping();
                break;
            }
            catch (RedisConnectionException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The server's address, as the host's Storage:Redis setting takes it.</summary>
    public string ConnectionString { get; }

    /// <summary>A connection of its own, as another instance of the bot would have; closed with the server.</summary>
    public ConnectionMultiplexer Connect()
    {
        var connection = ConnectionMultiplexer.Connect(ConnectionString);
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _process?.Kill();
        _process?.WaitForExit(5000);
        _process?.Dispose();
    }
}
