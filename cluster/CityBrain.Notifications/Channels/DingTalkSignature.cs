using System.Security.Cryptography;
using System.Text;

namespace CityBrain.Notifications.Channels;

/// <summary>The signature of a DingTalk custom robot with 加签 security: HMAC-SHA256 keyed by the secret (UTF-8) of the
/// millisecond timestamp, a line feed and the secret; Base64; URL-encoded. DingTalk refuses a timestamp more than an
/// hour from its clock.</summary>
public static class DingTalkSignature
{
    /// <summary>The query string to append: <c>timestamp=…&amp;sign=…</c>.</summary>
    public static string Query(string secret, long unixMilliseconds)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var signed = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{unixMilliseconds}\n{secret}"));
        return $"timestamp={unixMilliseconds}&sign={Uri.EscapeDataString(Convert.ToBase64String(signed))}";
    }

    /// <summary><paramref name="address"/> with <see cref="Query"/> appended to its query string.</summary>
    public static Uri Sign(string address, string secret, long unixMilliseconds) =>
        new($"{address}{(address.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{Query(secret, unixMilliseconds)}");
}
