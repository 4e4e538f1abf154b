using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace CityBrain.Edge.Testing;

/// <summary>MQTT over TLS in front of a <see cref="TestBroker"/>: a loopback listener that completes the handshake with
/// the given certificate and relays the decrypted bytes to the broker's plain port, as a TLS-terminating proxy would.</summary>
public sealed class TlsFront : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2 _certificate;
    private readonly int _target;
    private readonly Task _accepting;

    public TlsFront(X509Certificate2 certificate, int targetPort)
    {
        (_certificate, _target) = (certificate, targetPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await using var ssl = new SslStream(client.GetStream());
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                var broker = upstream.GetStream();
                await Task.WhenAny(ssl.CopyToAsync(broker, _stop.Token), broker.CopyToAsync(ssl, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                // The client refused the certificate or went away: what the test looks at is the client's side.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}
