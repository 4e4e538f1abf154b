using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CityBrain.Tls;

/// <summary>A certificate with its private key and the intermediates a client needs to reach its root.</summary>
public sealed class ServerCertificate
{
    public ServerCertificate(X509Certificate2 leaf, X509Certificate2Collection intermediates)
    {
        Leaf = leaf;
        // Offline: the intermediates come from the file, never fetched from the network during a handshake.
        Context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    public X509Certificate2 Leaf { get; }

    /// <summary>What SslStream sends: the leaf and the intermediates.</summary>
    public SslStreamCertificateContext Context { get; }

    public override string ToString() =>
        $"{Leaf.Subject} (expires {Leaf.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC, key sha256 {PublicKeyPin.Of(Leaf)})";
}
