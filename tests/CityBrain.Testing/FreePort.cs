using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CityBrain.Testing;

/// <summary>Ports for the servers a test starts, free when handed out and kept from other test processes.</summary>
/// <remarks>A port the kernel offers for port 0 lies in its ephemeral range, from which it also takes the local port of
/// every outgoing connection: between probing and binding, any client of any test process running beside this one could
/// take it ("Address already in use" when the host binds it). So ports come from below that range, which the kernel
/// never hands out by itself, at random, and each is reserved for this process's lifetime by an exclusive lock on a file
/// named after it, which another test process cannot take (the lock goes with the process, however it ends).</remarks>
public static class FreePort
{
    private const int Lowest = 10_000;

    private static readonly string ReservationFolder = Path.Combine(Path.GetTempPath(), $"citybrain-test-ports-{Environment.UserName}");

    /// <summary>Reservations held until the process ends; keyed by port, so this process never hands one out twice.</summary>
    private static readonly ConcurrentDictionary<int, FileStream> Reserved = new();

    private static readonly int Highest = EphemeralRangeStart() - 1;

    public static int Next()
    {
        Directory.CreateDirectory(ReservationFolder);
        while (true)
        {
            var port = Random.Shared.Next(Lowest, Highest + 1);
            if (Reserved.ContainsKey(port) || !TryReserve(port, out var reservation)) continue;
            if (IsFree(port) && Reserved.TryAdd(port, reservation)) return port;
            reservation.Dispose();
        }
    }

    private static bool TryReserve(int port, out FileStream reservation)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock on Unix: a second process opening the file fails.
            reservation = new FileStream(Path.Combine(ReservationFolder, port.ToString(CultureInfo.InvariantCulture)), FileMode.OpenOrCreate,
                FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            reservation = null!;
            return false;
        }
    }

    /// <summary>Nothing listens on it, on any address (a wildcard bind conflicts with a bind to one address).</summary>
    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux: ip_local_port_range; 32768 where it cannot be read).</summary>
    private static int EphemeralRangeStart()
    {
        const int fallback = 32_768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], CultureInfo.InvariantCulture, out var start) && start > Lowest + 1_000 ? start : fallback;
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
