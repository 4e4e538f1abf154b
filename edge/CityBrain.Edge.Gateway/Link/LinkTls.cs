using System.Security.Cryptography.X509Certificates;
using CityBrain.Tls;
using MQTTnet;

namespace CityBrain.Edge.Link;

/// <summary>How a gateway secures its link: it verifies the broker's certificate (its CA file or this machine's store,
/// the host name, optionally a pinned key) and may log in with a device certificate instead of a password. The last
/// certificate it refused is kept so that the link and <c>provision</c> can say what failed, with the fingerprint.</summary>
/// <param name="ServerName">The name the certificate must carry, when the broker is reached by another (an address).</param>
public sealed class LinkTls(ServerCertificateVerifier verifier, X509Certificate2? clientCertificate, string? serverName)
{
    public const int MqttsPort = 8883;

    private CertificateVerdict? _refused;

    public ServerCertificateVerifier Verifier => verifier;

    public X509Certificate2? ClientCertificate => clientCertificate;

    /// <summary>Connection options of one broker, with TLS and the credentials: the device id as user name, and the password
    /// unless a device certificate stands in for it.</summary>
    public static MqttClientOptionsBuilder Connection(LinkOptions link, BrokerAddress broker)
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId(link.DeviceId);
        if (link.Tls is not { } tls) return builder.WithCredentials(link.DeviceId, link.Password);
        tls.Secure(builder, broker.Host);
        return link.Password.Length == 0 && tls.ClientCertificate is not null
            ? builder.WithCredentials(link.DeviceId, (byte[]?)null)
            : builder.WithCredentials(link.DeviceId, link.Password);
    }

    /// <summary>Adds TLS to a connection to <paramref name="host"/>: this verifier decides on the broker's certificate,
    /// and the device certificate, if any, is offered.</summary>
    public MqttClientOptionsBuilder Secure(MqttClientOptionsBuilder builder, string host)
    {
        var expected = serverName ?? host;
        return builder.WithTlsOptions(o =>
        {
            o.UseTls().WithTargetHost(expected).WithCertificateValidationHandler(e => Check(expected, e));
            if (clientCertificate is { } certificate) o.WithClientCertificates([certificate]);
        });
    }

    /// <summary>The verdict on the certificate the last failed connect was refused for, once; null when the failure was
    /// something else.</summary>
    public CertificateVerdict? TakeRefusal() => Interlocked.Exchange(ref _refused, null);

    private bool Check(string host, MqttClientCertificateValidationEventArgs e)
    {
        var verdict = verifier.Verify(host, e.Certificate, e.Chain, e.SslPolicyErrors);
        Interlocked.Exchange(ref _refused, verdict.Trusted ? null : verdict);
        return verdict.Trusted;
    }
}
