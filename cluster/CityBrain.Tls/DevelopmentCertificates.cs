using System.Net;

namespace CityBrain.Tls;

/// <summary>The files of a development PKI in one folder: a CA and a server certificate for this machine's loopback
/// names, made once and reused, so gateways given <see cref="AuthorityFile"/> keep trusting the host across runs.
/// Never for production: the CA's key lies next to the certificates.</summary>
public sealed record DevelopmentCertificates(string Folder)
{
    public string AuthorityFile => Path.Combine(Folder, "dev-ca.pem");

    public string AuthorityKeyFile => Path.Combine(Folder, "dev-ca.key");

    public string CertificateFile => Path.Combine(Folder, "server.pem");

    public string KeyFile => Path.Combine(Folder, "server.key");

    /// <summary>Creates the files unless they exist and the server certificate has more than a week left.</summary>
    public DevelopmentCertificates Ensure(TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (File.Exists(KeyFile) && File.Exists(AuthorityFile) && Valid(now)) return this;
        Directory.CreateDirectory(Folder);
        using var authority = CertificateIssuer.CreateAuthority("CityBrain development CA", now.AddDays(-1), now.AddYears(5));
        using var server = CertificateIssuer.IssueServer(authority, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback],
            now.AddDays(-1), now.AddYears(1));
        CertificateIssuer.WritePem(authority, AuthorityFile, AuthorityKeyFile);
        CertificateIssuer.WritePem(server, CertificateFile, KeyFile, authority);
        return this;
    }

    private bool Valid(DateTimeOffset now)
    {
        try
        {
            return PemFiles.LoadChainWithKey(CertificateFile, KeyFile, now.AddDays(7)) is not null;
        }
        catch (CertificateFileException)
        {
            return false;
        }
    }
}
