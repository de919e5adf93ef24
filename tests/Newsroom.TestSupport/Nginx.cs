using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Newsroom.Testing;

/// <summary>
/// Debian's nginx as the load balancer in front of several bot processes: round-robin over the
/// upstreams, and a request that cannot be delivered to one (connection refused or reset, 502,
/// 503) is passed to the next, as a production balancer does. Runs as a child process with its
/// configuration, pid file, logs and temporary files in a folder of its own, so it needs no root
/// and leaves nothing behind; every response says which upstream(s) it went to (X-Upstream).
/// </summary>
public sealed class Nginx : IDisposable
{
    /// <summary>Debian's nginx, from the package of that name.</summary>
    public static string Executable => SystemPackages.Programs["nginx"];

    private readonly Process _process;
    private readonly string _prefix;

    private Nginx(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    /// <summary>The loopback port nginx listens on.</summary>
    public int Port { get; }

    /// <summary>nginx's address, to send requests through the balancer.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>nginx's error log so far (for failure messages).</summary>
    public string ErrorLog => ReadShared(Path.Combine(_prefix, "error.log"));

    /// <summary>One line per request: status, the upstream(s) tried with their statuses, the request time.</summary>
    public string AccessLog => ReadShared(Path.Combine(_prefix, "access.log"));

    /// <summary>Starts nginx balancing over <paramref name="upstreamPorts"/> on loopback and waits (at most <paramref name="timeout"/>) until it accepts connections.</summary>
    public static Nginx Start(IReadOnlyList<int> upstreamPorts, TimeSpan timeout)
    {
        SystemPackages.Require("nginx");

        var prefix = Directory.CreateTempSubdirectory("newsroom-nginx-").FullName;
        var port = FreePort.OnLoopback();
        var configuration = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(configuration, Configuration(prefix, port, upstreamPorts));
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", prefix, "-c", configuration, "-e", Path.Combine(prefix, "error.log"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var nginx = new Nginx(process, prefix, port);
        try
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"nginx exited with {process.ExitCode}:\n{nginx.ErrorLog}");
                }

                try
                {
                    using var probe = new TcpClient();
                    probe.Connect(IPAddress.Loopback, port);
                    return nginx;
                }
                catch (SocketException) when (clock.Elapsed < timeout)
                {
                    Thread.Sleep(50);
                }
            }
        }
        catch
        {
            nginx.Dispose();
            throw;
        }
    }

    /// <summary>Stops nginx (master and workers: the whole process tree) and deletes its folder.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_prefix, recursive: true);
        }
    }

    private static string Configuration(string prefix, int port, IReadOnlyList<int> upstreamPorts)
    {
        var servers = string.Concat(upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n")));
        // Running as root (CI containers), nginx would switch its workers to "nobody", who cannot
        // write into the test's temporary folder; as anyone else the directive is ignored.
        var user = Environment.UserName == "root" ? "user root;" : string.Empty;
        return $$"""
            {{user}}
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                log_format upstreams '$status $request_method $uri upstream=[$upstream_addr] statuses=[$upstream_status] time=$request_time';
                access_log {{prefix}}/access.log upstreams;

                upstream bots {
            {{servers}}        keepalive 32;
                }

                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://bots;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        # A request the instance could not answer goes to the next one. non_idempotent:
                        # nginx otherwise never resends a POST once it reached an instance, and a
                        # message whose instance died mid-answer would be a 502 the channel must retry.
                        proxy_next_upstream error timeout http_502 http_503 non_idempotent;
                        proxy_next_upstream_tries 2;
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 30s;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """;
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
