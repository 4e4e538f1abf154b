using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CityBrain.Notifications.Channels;

/// <summary>How a signed webhook proves where it comes from and when (the README gives a receiver's side): the
/// signature is <c>v1=</c> and the lower-case hex HMAC-SHA256, keyed by the recipient's secret in UTF-8, of the
/// timestamp header's decimal text, a full stop, and the body's bytes exactly as sent.</summary>
public static class WebhookSignature
{
    /// <summary>Unix seconds when the request was signed; a receiver refuses one too far from its own clock.</summary>
    public const string TimestampHeader = "X-CityBrain-Timestamp";

    public const string SignatureHeader = "X-CityBrain-Signature";

    public const string Scheme = "v1";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return $"{Scheme}={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message))}";
    }
}
