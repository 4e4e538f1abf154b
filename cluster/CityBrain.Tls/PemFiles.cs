using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityBrain.Tls;

/// <summary>Reads certificates and keys from PEM files, turning every way they can be unusable into a
/// <see cref="CertificateFileException"/> that names the file.</summary>
public static class PemFiles
{
    /// <summary>A certificate chain (leaf first, then intermediates) with the leaf's private key, refused when the key
    /// does not belong to the leaf or the leaf has expired.</summary>
    /// <exception cref="CertificateFileException">Either file is missing, empty, not PEM, mismatched or expired.</exception>
    public static ServerCertificate LoadChainWithKey(string certificateFile, string keyFile, DateTimeOffset now)
    {
        var chain = LoadCertificates(certificateFile);
        var keyPem = ReadText(keyFile);
        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new CertificateFileException(keyFile, "no PEM private key in it (expected a -----BEGIN PRIVATE KEY----- block)");
        }
        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(chain[0].ExportCertificatePem(), keyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CertificateFileException(keyFile, $"the key cannot be used with the certificate in {certificateFile} ({ex.Message.TrimEnd('.')}); an encrypted key must be decrypted first", ex);
        }
        if (leaf.NotAfter.ToUniversalTime() <= now.UtcDateTime)
        {
            throw new CertificateFileException(certificateFile, $"the certificate {leaf.Subject} expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        }
        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++) intermediates.Add(chain[i]);
        return new ServerCertificate(leaf, intermediates);
    }

    /// <summary>Every certificate in a PEM file, in file order.</summary>
    /// <exception cref="CertificateFileException">The file is missing or holds no PEM certificate.</exception>
    public static X509Certificate2Collection LoadCertificates(string file)
    {
        var text = ReadText(file);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(text);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateFileException(file, $"a certificate in it cannot be read ({ex.Message.TrimEnd('.')})", ex);
        }
        if (certificates.Count == 0) throw new CertificateFileException(file, "no PEM certificate in it (expected a -----BEGIN CERTIFICATE----- block)");
        return certificates;
    }

    private static string ReadText(string file)
    {
        try
        {
            var text = File.ReadAllText(file);
            return text.Length == 0 ? throw new CertificateFileException(file, "the file is empty") : text;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CertificateFileException(file, "the file does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateFileException(file, $"the file cannot be read ({ex.Message.TrimEnd('.')})", ex);
        }
    }
}
