using System.Security.Cryptography;
using System.Text;

namespace CityBrain.Storage.Credentials;

/// <summary>How every credential store turns a password into what it keeps: PBKDF2-SHA256 with a random salt, and the
/// iteration count stored beside the hash so it can be raised without invalidating existing passwords.</summary>
public static class PasswordHashing
{
    public const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new random password for a device, URL- and shell-safe.</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    public static StoredPassword Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new StoredPassword(salt, Derive(password, salt, Iterations), Iterations);
    }

    public static bool Matches(StoredPassword stored, string password) =>
        CryptographicOperations.FixedTimeEquals(stored.Hash, Derive(password, stored.Salt, stored.Iterations));

    /// <summary>The answer for a device that does not exist, at the cost of a real check: answering at once would tell
    /// an attacker which device ids exist.</summary>
    public static void SpendAsMuchAsAMatch(string password) =>
        CryptographicOperations.FixedTimeEquals(Unknown.Hash, Derive(password, Unknown.Salt, Unknown.Iterations));

    private static readonly StoredPassword Unknown = Hash(NewPassword());

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}

/// <summary>What a credential store keeps of a password.</summary>
public sealed record StoredPassword(byte[] Salt, byte[] Hash, int Iterations);
