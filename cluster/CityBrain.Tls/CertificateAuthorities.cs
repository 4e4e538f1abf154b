using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityBrain.Tls;

/// <summary>The CAs one side trusts for the other, read from a PEM file (a custom trust store: the machine's store is
/// not consulted), and the check of a presented certificate against them in words a technician can act on.</summary>
public sealed class CertificateAuthorities
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2Collection _roots;

    private CertificateAuthorities(string file, X509Certificate2Collection roots) => (File, _roots) = (file, roots);

    public string File { get; }

    /// <exception cref="CertificateFileException">The file is missing or holds no PEM certificate.</exception>
    public static CertificateAuthorities Load(string file) => new(Path.GetFullPath(file), PemFiles.LoadCertificates(file));

    /// <summary>Null when <paramref name="certificate"/> chains to one of these CAs, is within its validity at
    /// <paramref name="now"/> and may be used for <paramref name="usage"/>; else what is wrong.</summary>
    /// <param name="intermediates">Further certificates the peer sent with it.</param>
    public string? Problem(X509Certificate2 certificate, IEnumerable<X509Certificate2> intermediates, string usage, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        // Revocation of devices is the credential store's job; of servers, the CA's short lifetimes'.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        if (chain.Build(certificate)) return null;
        return Describe(certificate, chain, now, $"the CA in {File}");
    }

    /// <summary>The first thing a technician must fix, from the statuses of a chain that did not build.</summary>
    public static string Describe(X509Certificate2 certificate, X509Chain chain, DateTimeOffset now, string trusted)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var utc = now.UtcDateTime;
        if (certificate.NotAfter.ToUniversalTime() < utc) return $"the certificate expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        if (certificate.NotBefore.ToUniversalTime() > utc) return $"the certificate is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC (check this device's clock)";
        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0) return $"it is issued by {certificate.Issuer}, which is not {trusted}";
        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0) return "a CA certificate in its chain has expired or is not valid yet";
        if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0) return "it is not meant for this use (extended key usage)";
        return string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty(flags.ToString()));
    }
}
