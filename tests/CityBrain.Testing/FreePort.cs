using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CityBrain.Testing;

public static class FreePort
{
    /// <summary>Ports handed out in this process: the kernel may offer a port again as soon as the probing listener
    /// closes, and a host given the same port for MQTT and its silo fails to start.</summary>
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true)) return port;
        }
    }
}
