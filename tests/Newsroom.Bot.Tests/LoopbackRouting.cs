using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Sockets;

namespace Newsroom.Bot.Tests;

/// <summary>
/// Keeps a test's outgoing traffic on this machine: every HTTP connection the host's clients open
/// (replies to a channel, Bot Framework token and key requests) is made to one loopback port,
/// whatever host name the request was for. A test can then name hosts in <c>.invalid</c> (never
/// resolved, never reached) and still see what the bot tried to send there.
/// </summary>
internal static class LoopbackRouting
{
    /// <summary>A client of <paramref name="host"/> whose outgoing connections all go to 127.0.0.1:<paramref name="port"/>.</summary>
    public static HttpClient ClientRoutedTo(this WebApplicationFactory<Program> host, int port) =>
        host.WithWebHostBuilder(web => web.ConfigureServices(services => services.ConfigureHttpClientDefaults(client =>
            client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellation) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellation);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            })))).CreateClient();
}
