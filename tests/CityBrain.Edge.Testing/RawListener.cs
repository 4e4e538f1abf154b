using System.Net;
using System.Net.Sockets;

namespace CityBrain.Edge.Testing;

/// <summary>A TCP port on loopback that is not an MQTT broker: it accepts every connection and serves it as the test
/// says (stays silent, answers as a web server), holding the connections until it is disposed.</summary>
public sealed class RawListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];

    public RawListener(Func<TcpClient, Task> serve)
    {
        _listener.Start();
        _ = AcceptAsync(serve);
    }

    /// <summary>A port that accepts and never says a word.</summary>
    public static RawListener Silent() => new(_ => Task.CompletedTask);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted
    {
        get
        {
            lock (_accepted) return _accepted.Count;
        }
    }

    private async Task AcceptAsync(Func<TcpClient, Task> serve)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_accepted) _accepted.Add(client);
            _ = serve(client);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_accepted) _accepted.ForEach(c => c.Dispose());
    }
}
