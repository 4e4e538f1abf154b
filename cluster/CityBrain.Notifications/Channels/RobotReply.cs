using System.Text.Json;

namespace CityBrain.Notifications.Channels;

/// <summary>The answer of a WeCom or DingTalk robot: HTTP 200 with <c>{"errcode":0,"errmsg":"ok"}</c> when it took the
/// message; any other <c>errcode</c> (a wrong token, a bad signature, too many messages a minute) is a refusal.</summary>
public static class RobotReply
{
    public static void EnsureAccepted(string answer, string robot)
    {
        long code;
        string? message;
        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errcode", out var codeElement) || !codeElement.TryGetInt64(out code))
            {
                throw new DeliveryFailedException($"{robot} answered without an errcode: {JsonPost.Excerpt(answer)}");
            }
            message = document.RootElement.TryGetProperty("errmsg", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        }
        catch (JsonException)
        {
            throw new DeliveryFailedException($"{robot} answered something other than JSON: {JsonPost.Excerpt(answer)}");
        }
        if (code != 0) throw new DeliveryFailedException($"{robot} refused the message: errcode {code} ({message ?? "no errmsg"})");
    }
}
