using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CityBrain.Ingest.Metrics;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace CityBrain.Ingest.Broker;

/// <summary>The broker's TCP listener in place of MQTTnet's own, which has no limit applied before it buffers a packet
/// and none per source address. Connections beyond an address's limits are closed at accept, before any byte is read;
/// the others read through a <see cref="PacketSizeGuardStream"/>.</summary>
public sealed class GuardedTcpServerAdapter(BrokerOptions options, IngestMetrics metrics, TimeProvider time, Action<IPAddress, string> onRefused, Action<EndPoint?> onOversized)
    : IMqttServerAdapter
{
    // Addresses tracked beyond this are forgotten once idle; a flood of distinct addresses is the firewall's job.
    private const int TrackedAddresses = 50_000;
    private readonly ConcurrentDictionary<IPAddress, AddressState> _addresses = new();
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions serverOptions, IMqttNetLogger logger)
    {
        _listener = new TcpListener(IPAddress.Parse(options.BindAddress), options.Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _acceptLoop = Task.Run(() => AcceptAsync(serverOptions, logger));
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            try { await _acceptLoop; }
            catch (OperationCanceledException) { }
        }
    }

    // MqttServer disposes its adapters itself; the token source is left to the GC so a second Dispose is harmless.
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested) _stopping.Cancel();
        _listener?.Stop();
    }

    private async Task AcceptAsync(MqttServerOptions serverOptions, IMqttNetLogger logger)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(_stopping.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) when (!_stopping.IsCancellationRequested) { continue; }
            _ = Task.Run(() => ServeAsync(socket, serverOptions, logger));
        }
    }

    private async Task ServeAsync(Socket socket, MqttServerOptions serverOptions, IMqttNetLogger logger)
    {
        var address = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var refusal = TryOpen(address);
        if (refusal is not null)
        {
            metrics.ConnectionRefused();
            onRefused(address, refusal);
            socket.Close(0);
            return;
        }
        try
        {
            socket.NoDelay = true;
            var remote = socket.RemoteEndPoint;
            await using var stream = new PacketSizeGuardStream(new NetworkStream(socket, ownsSocket: true), options.MaxPacketBytes, () =>
            {
                metrics.OversizedPacket();
                onOversized(remote);
            });
            using var channel = new MqttTcpChannel(stream, socket.LocalEndPoint, remote, null);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(serverOptions.WriterBufferSize, serverOptions.WriterBufferSizeMax));
            var adapter = new MqttChannelAdapter(channel, formatter, logger)
            {
                AllowPacketFragmentation = serverOptions.DefaultEndpointOptions.AllowPacketFragmentation,
            };
            try
            {
                if (ClientHandler is { } handler) await handler(adapter);
            }
            finally
            {
                (adapter as IDisposable)?.Dispose();
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // A client gone or cut for an oversized packet: MQTTnet has already let go of the session.
        }
        catch (SocketException)
        {
        }
        finally
        {
            Close(address);
            socket.Dispose();
        }
    }

    private string? TryOpen(IPAddress address)
    {
        if (_addresses.Count > TrackedAddresses)
        {
            foreach (var (key, state) in _addresses)
            {
                lock (state) if (state.Open == 0) _addresses.TryRemove(key, out _);
            }
        }
        var entry = _addresses.GetOrAdd(address, _ => new AddressState { Tokens = options.ConnectBurstPerAddress, Refilled = time.GetTimestamp() });
        lock (entry)
        {
            var now = time.GetTimestamp();
            entry.Tokens = Math.Min(options.ConnectBurstPerAddress,
                entry.Tokens + time.GetElapsedTime(entry.Refilled, now).TotalSeconds * options.ConnectsPerSecondPerAddress);
            entry.Refilled = now;
            if (entry.Open >= options.MaxConnectionsPerAddress) return "too many open connections";
            if (entry.Tokens < 1) return "too many new connections per second";
            entry.Tokens -= 1;
            entry.Open++;
            return null;
        }
    }

    private void Close(IPAddress address)
    {
        if (!_addresses.TryGetValue(address, out var entry)) return;
        lock (entry) entry.Open = Math.Max(0, entry.Open - 1);
    }

    private sealed class AddressState
    {
        public int Open;
        public double Tokens;
        public long Refilled;
    }
}
