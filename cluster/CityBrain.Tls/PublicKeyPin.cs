using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityBrain.Tls;

/// <summary>The SHA-256 of a certificate's SubjectPublicKeyInfo as 64 lowercase hex digits: it stays the same across a
/// renewal that keeps the key, and it is what a technician compares by eye.</summary>
public static class PublicKeyPin
{
    public static string Of(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>A pin as people write it (any case, with or without colons or spaces) in the form <see cref="Of"/> gives,
    /// or null when it is not 32 bytes of hex.</summary>
    public static string? Normalize(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed["sha256:".Length..];
        var hex = new string([.. trimmed.Where(c => c is not (':' or ' '))]).ToLowerInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }
}
