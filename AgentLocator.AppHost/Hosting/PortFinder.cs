using System.Net;
using System.Net.Sockets;

namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// Hands out loopback ports that are free now and not yet promised to another resource of this run.
/// Ports are chosen up front so every connection string and URL is known before anything starts.
/// </summary>
internal sealed class PortFinder
{
    private readonly HashSet<int> _promised = [];
    private readonly Lock _gate = new();

    public int Allocate(int? preferred = null)
    {
        lock (_gate)
        {
            if (preferred is { } wanted && !_promised.Contains(wanted) && IsFree(wanted))
            {
                _promised.Add(wanted);
                return wanted;
            }

            for (var attempt = 0; attempt < 50; attempt++)
            {
                var port = AnyFreePort();
                if (_promised.Add(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException("Could not find a free loopback port.");
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int AnyFreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
