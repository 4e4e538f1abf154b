using System.Security.Cryptography;
using System.Text;

namespace CityBrain.Contracts.Security;

/// <summary>Per-device passwords derived from one fleet secret: HMAC-SHA256(secret, deviceId), base64url. A simulated
/// city of ten thousand gateways then needs no provisioning step, while every gateway still has its own password and
/// the broker's per-device topic ACL still applies. Real gateways are provisioned with stored credentials instead.</summary>
public static class DerivedPassword
{
    public static string For(string fleetSecret, string deviceId)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(fleetSecret), Encoding.UTF8.GetBytes(deviceId));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool Matches(string fleetSecret, string deviceId, string? password) =>
        password is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(For(fleetSecret, deviceId)), Encoding.UTF8.GetBytes(password));
}
