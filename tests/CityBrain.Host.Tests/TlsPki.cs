using System.Net;
using System.Security.Cryptography.X509Certificates;
using CityBrain.Tls;

namespace CityBrain.Host.Tests;

/// <summary>The certificates of the TLS tests, made in the test with CertificateRequest: a server CA and the host's
/// certificate (localhost, citybrain.test, 127.0.0.1), a device CA and device certificates, and a CA nobody trusts.</summary>
public sealed class TlsPki : IDisposable
{
    public const string HostName = "citybrain.test";

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public TlsPki()
    {
        Folder = Directory.CreateTempSubdirectory("citybrain-pki-").FullName;
        ServerAuthority = CertificateIssuer.CreateAuthority("Test server CA", _now.AddDays(-30), _now.AddYears(2));
        DeviceAuthority = CertificateIssuer.CreateAuthority("Test device CA", _now.AddDays(-30), _now.AddYears(2));
        StrangerAuthority = CertificateIssuer.CreateAuthority("Stranger CA", _now.AddDays(-30), _now.AddYears(2));
        CertificateIssuer.WritePem(ServerAuthority, ServerAuthorityFile, null);
        CertificateIssuer.WritePem(DeviceAuthority, DeviceAuthorityFile, null);
        CertificateIssuer.WritePem(StrangerAuthority, StrangerAuthorityFile, null);
        WriteServer("CityBrain test server");
    }

    public string Folder { get; }

    public X509Certificate2 ServerAuthority { get; }

    public X509Certificate2 DeviceAuthority { get; }

    public X509Certificate2 StrangerAuthority { get; }

    public string ServerAuthorityFile => Path.Combine(Folder, "server-ca.pem");

    public string DeviceAuthorityFile => Path.Combine(Folder, "device-ca.pem");

    public string StrangerAuthorityFile => Path.Combine(Folder, "stranger-ca.pem");

    public string CertificateFile => Path.Combine(Folder, "server.pem");

    public string KeyFile => Path.Combine(Folder, "server.key");

    public string[] HostArgs(int mqttsPort, int httpsPort) =>
        [$"--Tls:CertificateFile={CertificateFile}", $"--Tls:KeyFile={KeyFile}", $"--Tls:ClientCaFile={DeviceAuthorityFile}",
            $"--Tls:MqttsPort={mqttsPort}", $"--Tls:HttpsPort={httpsPort}", "--Tls:ReloadCheckInterval=00:00:01"];

    /// <summary>(Re)writes the host's certificate with this common name, issued by the server CA.</summary>
    public void WriteServer(string commonName)
    {
        using var server = CertificateIssuer.IssueServer(ServerAuthority, [commonName.Replace(' ', '-'), "localhost", HostName],
            [IPAddress.Loopback], _now.AddDays(-1), _now.AddDays(90));
        CertificateIssuer.WritePem(server, CertificateFile, KeyFile, ServerAuthority);
    }

    public X509Certificate2 Device(string deviceId, X509Certificate2? authority = null) =>
        CertificateIssuer.IssueClient(authority ?? DeviceAuthority, deviceId, _now.AddDays(-1), _now.AddDays(90));

    public ServerCertificateVerifier Verifier(string? authorityFile = null, string? pin = null) =>
        new(CertificateAuthorities.Load(authorityFile ?? ServerAuthorityFile), pin, TimeProvider.System);

    public void Dispose()
    {
        ServerAuthority.Dispose();
        DeviceAuthority.Dispose();
        StrangerAuthority.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
