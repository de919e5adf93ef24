using System.Net;
using System.Net.Sockets;

namespace Newsroom.Testing;

/// <summary>Free TCP ports on loopback, for the programs the tests start (the bot, nginx, redis-server).</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on now: the system picks it, so parallel tests do not collide.</summary>
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
