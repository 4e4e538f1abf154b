using System.Security.Cryptography;
using System.Text;

namespace CityBrain.Host.Security;

/// <summary>API token secrets: 32 random bytes, so a plain SHA-256 of the secret is enough to keep (no password-style
/// stretching is needed against guessing), and a lookup by it costs one index probe.</summary>
public static class AuthTokens
{
    /// <summary>Recognisable in a leaked file or a secret scanner.</summary>
    public const string Prefix = "cbt_";

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
