using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CityBrain.Testing;

/// <summary>A TCP load balancer for tests, standing in for the HAProxy that production puts in front of the silos: one
/// port on 127.0.0.1, and each connection accepted there is joined to the first backend in the list that accepts a
/// connection. A backend that is down refuses at once, so trying them in turn is what HAProxy's health checks amount
/// to, without the check interval. Bytes are copied as they come, both ways; when a backend closes or resets, the
/// client sees the same.</summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    /// <summary>As HAProxy's <c>timeout connect</c>: a backend that neither accepts nor refuses is skipped after this.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly TcpListener _listener;
    private readonly IReadOnlyList<IPEndPoint> _backends;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly ConcurrentDictionary<Task, byte> _serving = new();
    private readonly Task _accepting;
    private int _accepted;
    private int _refused;
    private bool _disposed;

    private TcpForwarder(TcpListener listener, IReadOnlyList<IPEndPoint> backends)
    {
        _listener = listener;
        _backends = backends;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stopping.Token);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<IPEndPoint> Backends => _backends;

    /// <summary>Client connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Client connections closed because no backend accepted one, as HAProxy's 503 with every server down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The backend of every connection joined right now, by the client's end of it.</summary>
    public IReadOnlyList<(IPEndPoint Client, IPEndPoint Backend)> Connections =>
        [.. _links.Keys.Select(l => (l.Client, l.Backend))];

    /// <summary>How many connections are joined to the backend on <paramref name="port"/> right now.</summary>
    public int ConnectionsTo(int port) => _links.Keys.Count(l => l.Backend.Port == port);

    /// <summary>Forwards to backends on 127.0.0.1, the first port preferred.</summary>
    public static TcpForwarder Start(params int[] backendPorts) =>
        Start([.. backendPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))]);

    public static TcpForwarder Start(IReadOnlyList<IPEndPoint> backends)
    {
        if (backends.Count == 0) throw new ArgumentException("a forwarder needs at least one backend", nameof(backends));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new TcpForwarder(listener, [.. backends]);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (cancellationToken.IsCancellationRequested) return;
                // A client that reset before it was accepted costs nothing but itself.
                continue;
            }
            Interlocked.Increment(ref _accepted);
            var serving = ServeAsync(client, cancellationToken);
            _serving.TryAdd(serving, 0);
            _ = serving.ContinueWith(t => _serving.TryRemove(t, out _), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var backend = await ConnectToFirstAsync(cancellationToken);
        if (backend is null)
        {
            Interlocked.Increment(ref _refused);
            Abort(client);
            return;
        }
        Link link;
        try
        {
            client.NoDelay = true;
            link = new Link((IPEndPoint)client.RemoteEndPoint!, (IPEndPoint)backend.RemoteEndPoint!, client, backend);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The client gave up while the backend was being chosen.
            Abort(client);
            Abort(backend);
            return;
        }
        _links.TryAdd(link, 0);
        try
        {
            await link.RunAsync(cancellationToken);
        }
        finally
        {
            _links.TryRemove(link, out _);
        }
    }

    private async Task<Socket?> ConnectToFirstAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in _backends)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(ConnectTimeout);
            try
            {
                await socket.ConnectAsync(endpoint, attempt.Token);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                if (cancellationToken.IsCancellationRequested) return null;
            }
        }
        return null;
    }

    /// <summary>Closes with a reset rather than a FIN, so the peer cannot take a broken connection for a finished one.</summary>
    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var link in _links.Keys) link.Close();
        await Task.WhenAll(_serving.Keys);
        _stopping.Dispose();
    }

    private sealed class Link(IPEndPoint clientEndPoint, IPEndPoint backendEndPoint, Socket client, Socket backend)
    {
        private int _closed;

        public IPEndPoint Client { get; } = clientEndPoint;

        public IPEndPoint Backend { get; } = backendEndPoint;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var registration = cancellationToken.Register(Close);
            var up = PumpAsync(client, backend, cancellationToken);
            var down = PumpAsync(backend, client, cancellationToken);
            // A reset on either side ends the whole connection; a clean end of one direction only half-closes it,
            // as HTTP allows, and the connection ends when the other direction ends too.
            var first = await Task.WhenAny(up, down);
            if (!await first) Close(reset: true);
            else if (!await (first == up ? down : up)) Close(reset: true);
            Close();
        }

        /// <summary>True when <paramref name="from"/> ended cleanly and the end was passed on; false on a reset.</summary>
        private static async Task<bool> PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                    if (read == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return true;
                    }
                    var sent = 0;
                    while (sent < read) sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return false;
            }
        }

        public void Close() => Close(reset: false);

        private void Close(bool reset)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            if (reset)
            {
                Abort(client);
                Abort(backend);
            }
            else
            {
                client.Dispose();
                backend.Dispose();
            }
        }
    }
}
