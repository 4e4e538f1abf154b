using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Channels;

/// <summary>A DingTalk (钉钉) custom robot: <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c> POSTed to its
/// webhook URL, signed (<see cref="DingTalkSignature"/>) when the recipient has the robot's secret.</summary>
public sealed class DingTalkRobotChannel(IHttpClientFactory http, TimeProvider time) : INotificationChannel
{
    /// <summary>Kept to the same bound as WeCom's: a group message is read on a phone.</summary>
    public const int MaxTextBytes = 4_096;

    private const string Robot = "the DingTalk robot";

    public ChannelKind Kind => ChannelKind.DingTalk;

    public async Task SendAsync(Notification notification, Recipient recipient, CancellationToken cancellationToken)
    {
        var body = JsonPost.Body(json =>
        {
            json.WriteString("msgtype", "markdown");
            json.WriteStartObject("markdown");
            // The title is what the conversation list and the phone's notification show.
            json.WriteString("title", RobotMarkdown.Label(notification.Severity) + notification.Title);
            json.WriteString("text", RobotMarkdown.Of(notification, MaxTextBytes));
            json.WriteEndObject();
        });
        var uri = recipient.Secret is { } secret
            ? DingTalkSignature.Sign(recipient.Address, secret, time.GetUtcNow().ToUnixTimeMilliseconds())
            : new Uri(recipient.Address);
        await RobotWebhook.PostAsync(http, uri, body, Robot, cancellationToken);
    }
}
