using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CityBrain.Ingest.Metrics;
using CityBrain.Tls;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace CityBrain.Ingest.Broker;

/// <summary>The broker's TCP listener in place of MQTTnet's own, which has no limit applied before it buffers a packet
/// and none per source address. Connections beyond an address's limits are closed at accept, before any byte is read;
/// the others read through a <see cref="PacketSizeGuardStream"/>. With <paramref name="tls"/> a second listener serves
/// MQTT over TLS under the same per-address limits: the limits apply before the handshake, the handshake must finish
/// within the CONNECT timeout, and the size guard reads the decrypted stream.</summary>
public sealed partial class GuardedTcpServerAdapter(
    BrokerOptions options,
    MqttTlsListener? tls,
    IngestMetrics metrics,
    TimeProvider time,
    Action<IPAddress, string> onRefused,
    Action<EndPoint?> onOversized,
    ILogger log)
    : IMqttServerAdapter
{
    // Addresses tracked beyond this are forgotten once idle; a flood of distinct addresses is the firewall's job.
    private const int TrackedAddresses = 50_000;
    private readonly ConcurrentDictionary<IPAddress, AddressState> _addresses = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly StormLog _failedHandshakes = new(time);
    private readonly List<(TcpListener Listener, MqttTlsListener? Tls)> _listeners = [];
    private readonly List<Task> _acceptLoops = [];

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions serverOptions, IMqttNetLogger logger)
    {
        foreach (var address in BrokerAddresses.Parse(options.BindAddress)) Listen(new IPEndPoint(address, options.Port), null, serverOptions, logger);
        if (tls is not null)
        {
            foreach (var address in tls.Addresses) Listen(new IPEndPoint(address, tls.Port), tls, serverOptions, logger);
        }
        return Task.CompletedTask;
    }

    private void Listen(IPEndPoint endpoint, MqttTlsListener? secure, MqttServerOptions serverOptions, IMqttNetLogger logger)
    {
        var listener = new TcpListener(endpoint);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listeners.Add((listener, secure));
        _acceptLoops.Add(Task.Run(() => AcceptAsync(listener, secure, serverOptions, logger)));
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        foreach (var (listener, _) in _listeners) listener.Stop();
        try { await Task.WhenAll(_acceptLoops); }
        catch (OperationCanceledException) { }
    }

    // MqttServer disposes its adapters itself; the token source is left to the GC so a second Dispose is harmless.
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested) _stopping.Cancel();
        foreach (var (listener, _) in _listeners) listener.Stop();
    }

    private async Task AcceptAsync(TcpListener listener, MqttTlsListener? secure, MqttServerOptions serverOptions, IMqttNetLogger logger)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) when (!_stopping.IsCancellationRequested) { continue; }
            _ = Task.Run(() => ServeAsync(socket, secure, serverOptions, logger));
        }
    }

    private async Task ServeAsync(Socket socket, MqttTlsListener? secure, MqttServerOptions serverOptions, IMqttNetLogger logger)
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
            Stream transport = new NetworkStream(socket, ownsSocket: true);
            X509Certificate2? device = null;
            if (secure is not null)
            {
                var handshake = await HandshakeAsync(transport, secure, remote);
                if (handshake is null) return;
                (transport, device) = handshake.Value;
            }
            await using var stream = new PacketSizeGuardStream(transport, options.MaxPacketBytes, () =>
            {
                metrics.OversizedPacket();
                onOversized(remote);
            });
            using var channel = new MqttTcpChannel(stream, socket.LocalEndPoint, remote, device);
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

    /// <summary>The TLS handshake, bounded by the CONNECT timeout; null when it failed (logged once a minute with a count).
    /// A device certificate must chain to the device CAs; a client without one goes on to log in with a password.</summary>
    private async Task<(Stream Stream, X509Certificate2? Device)?> HandshakeAsync(Stream transport, MqttTlsListener secure, EndPoint? remote)
    {
        string? refusal = null;
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        var authentication = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = secure.Certificate.Current.Context,
            ClientCertificateRequired = secure.DeviceAuthorities is not null,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is null || secure.DeviceAuthorities is null) return true;
                var presented = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                var intermediates = chain?.ChainElements.Select(e => e.Certificate).Where(c => !c.Equals(presented)) ?? [];
                refusal = secure.DeviceAuthorities.Problem(presented, intermediates, CertificateAuthorities.ClientAuthentication, time.GetUtcNow());
                return refusal is null;
            },
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(authentication, timeout.Token);
            return (ssl, ssl.RemoteCertificate as X509Certificate2);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException && !_stopping.IsCancellationRequested)
        {
            await ssl.DisposeAsync();
            var reason = refusal is not null ? $"device certificate refused: {refusal}"
                : ex is OperationCanceledException ? $"no TLS handshake within {options.ConnectTimeout.TotalSeconds:0.#} s"
                : (ex.InnerException ?? ex).Message;
            if (_failedHandshakes.ShouldLog(out var count)) LogHandshakeFailed(count, remote, reason);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed {Count} MQTT TLS handshake(s) in the last minute, the latest from {Remote}: {Reason}")]
    private partial void LogHandshakeFailed(long count, EndPoint? remote, string reason);

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
