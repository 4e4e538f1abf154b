using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityBrain.Tls;

/// <summary>Issues certificates with .NET's CertificateRequest: the development CA and server certificate of
/// <c>./citybrain.sh run --tls</c>, device certificates for trials of mutual TLS, and the certificates of the tests.
/// ECDSA P-256 keys: small, fast and accepted by every TLS stack a gateway uses.</summary>
public static class CertificateIssuer
{
    public static X509Certificate2 CreateAuthority(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>A server certificate for the given host names and addresses (its subject alternative names).</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 authority, IEnumerable<string> hostNames, IEnumerable<IPAddress> addresses,
        DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var names = new SubjectAlternativeNameBuilder();
        var first = "";
        foreach (var host in hostNames)
        {
            names.AddDnsName(host);
            if (first.Length == 0) first = host;
        }
        foreach (var address in addresses) names.AddIpAddress(address);
        return Issue(authority, first.Length > 0 ? first : "citybrain", names.Build(), "1.3.6.1.5.5.7.3.1", notBefore, notAfter);
    }

    /// <summary>A device certificate: its common name is the device id (what the broker takes it for).</summary>
    public static X509Certificate2 IssueClient(X509Certificate2 authority, string deviceId, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Issue(authority, deviceId, null, "1.3.6.1.5.5.7.3.2", notBefore, notAfter);

    /// <summary>Writes a certificate (followed by <paramref name="chain"/>, e.g. an intermediate) and, when it has one, its
    /// private key as PKCS#8, readable by the owner only.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificateFile, string? keyFile, params X509Certificate2[] chain)
    {
        File.WriteAllText(certificateFile, string.Concat(new[] { certificate }.Concat(chain).Select(c => c.ExportCertificatePem() + "\n")));
        if (keyFile is null) return;
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException($"{certificate.Subject} has no ECDSA private key to write");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string commonName, X509Extension? alternativeNames, string usage,
        DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (alternativeNames is not null) request.CertificateExtensions.Add(alternativeNames);
        // The issuer's validity bounds the issued one: a certificate outliving its CA fails to build a chain.
        var end = notAfter < authority.NotAfter ? notAfter : new DateTimeOffset(authority.NotAfter);
        using var issued = request.Create(authority, notBefore, end, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
