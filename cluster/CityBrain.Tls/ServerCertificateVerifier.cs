using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CityBrain.Tls;

/// <summary>What a client decided about a server's certificate, with the key fingerprint a technician compares.</summary>
public sealed record CertificateVerdict(string? Problem, string? Subject, string? Fingerprint)
{
    public bool Trusted => Problem is null;

    public override string ToString() => Trusted
        ? $"certificate {Subject} (key sha256 {Fingerprint}) trusted"
        : Subject is null ? $"certificate refused: {Problem}" : $"certificate {Subject} (key sha256 {Fingerprint}) refused: {Problem}";
}

/// <summary>A client's check of the server it connects to: the chain against <see cref="Authorities"/> (or this machine's
/// store when none is given), the host name, and optionally a pinned key fingerprint that the server's certificate or
/// one of its CAs must have.</summary>
public sealed class ServerCertificateVerifier(CertificateAuthorities? authorities, string? pin, TimeProvider time)
{
    public CertificateAuthorities? Authorities { get; } = authorities;

    public string? Pin { get; } = pin is null ? null : PublicKeyPin.Normalize(pin) ?? throw new ArgumentException($"'{pin}' is not a SHA-256 fingerprint (64 hex digits)", nameof(pin));

    /// <param name="host">The name the client connected to, for the message.</param>
    public CertificateVerdict Verify(string host, X509Certificate? presented, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (presented is null) return new CertificateVerdict("the server sent no certificate", null, null);
        var certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        var fingerprint = PublicKeyPin.Of(certificate);
        var others = presentedChain?.ChainElements.Select(e => e.Certificate).Where(c => !c.Equals(certificate)).ToList() ?? [];
        var problem = ChainProblem(certificate, presentedChain, others, errors);
        if (problem is null && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            problem = $"it is for {string.Join(", ", Names(certificate))}, not {host}";
        }
        if (problem is null && Pin is not null && fingerprint != Pin && others.All(c => PublicKeyPin.Of(c) != Pin))
        {
            problem = $"its key fingerprint is not the pinned {Pin}";
        }
        return new CertificateVerdict(problem, certificate.Subject, fingerprint);
    }

    private string? ChainProblem(X509Certificate2 certificate, X509Chain? presentedChain, List<X509Certificate2> others, SslPolicyErrors errors)
    {
        if (Authorities is not null) return Authorities.Problem(certificate, others, CertificateAuthorities.ServerAuthentication, time.GetUtcNow());
        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0) return null;
        return presentedChain is null
            ? "its chain is not trusted by this machine"
            : CertificateAuthorities.Describe(certificate, presentedChain, time.GetUtcNow(), "trusted by this machine (give the broker's CA file)");
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate)
    {
        var alternative = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (alternative is null) return [certificate.GetNameInfo(X509NameType.SimpleName, false)];
        return alternative.EnumerateDnsNames().Concat(alternative.EnumerateIPAddresses().Select(a => a.ToString()));
    }
}
