using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Channels;

/// <summary>A WeCom (企业微信) group robot: <c>{"msgtype":"markdown","markdown":{"content":…}}</c> POSTed to its webhook
/// URL (which carries the robot's key).</summary>
public sealed class WeComRobotChannel(IHttpClientFactory http) : INotificationChannel
{
    /// <summary>WeCom takes at most this many UTF-8 bytes of Markdown content.</summary>
    public const int MaxContentBytes = 4_096;

    private const string Robot = "the WeCom robot";

    public ChannelKind Kind => ChannelKind.WeCom;

    public async Task SendAsync(Notification notification, Recipient recipient, CancellationToken cancellationToken)
    {
        var body = JsonPost.Body(json =>
        {
            json.WriteString("msgtype", "markdown");
            json.WriteStartObject("markdown");
            json.WriteString("content", RobotMarkdown.Of(notification, MaxContentBytes));
            json.WriteEndObject();
        });
        await RobotWebhook.PostAsync(http, new Uri(recipient.Address), body, Robot, cancellationToken);
    }
}
