using System.Text.Json;

namespace CityBrain.Notifications.Channels;

/// <summary>How the WeCom and DingTalk robots take a message: a JSON POST answered with HTTP 200 and
/// <c>{"errcode":0,"errmsg":"ok"}</c>; any other <c>errcode</c> (a wrong token, a bad signature, too many messages a
/// minute) is a refusal.</summary>
public static class RobotWebhook
{
    /// <summary>Posts <paramref name="body"/> to the robot at <paramref name="uri"/>; <see cref="DeliveryFailedException"/>
    /// unless it accepted it.</summary>
    public static async Task PostAsync(IHttpClientFactory http, Uri uri, byte[] body, string robot, CancellationToken cancellationToken)
    {
        var answer = await JsonPost.SendAsync(http.CreateClient(JsonPost.HttpClientName), uri, body, robot, null, cancellationToken);
        EnsureAccepted(answer, robot);
    }

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
