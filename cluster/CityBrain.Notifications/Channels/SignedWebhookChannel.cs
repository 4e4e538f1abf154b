using System.Globalization;
using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Channels;

/// <summary>POSTs the notification as JSON (<c>key, recipientId, severity, title, text, link</c>) with a timestamp and
/// its <see cref="WebhookSignature"/>; any 2xx answer is delivery.</summary>
public sealed class SignedWebhookChannel(IHttpClientFactory http, TimeProvider time) : INotificationChannel
{
    public ChannelKind Kind => ChannelKind.Webhook;

    public async Task SendAsync(Notification notification, Recipient recipient, CancellationToken cancellationToken)
    {
        var body = JsonPost.Body(json =>
        {
            json.WriteString("key", notification.Key);
            json.WriteString("recipientId", notification.RecipientId);
            json.WriteString("severity", notification.Severity.ToString().ToLowerInvariant());
            json.WriteString("title", notification.Title);
            json.WriteString("text", notification.Text);
            if (notification.Link is { } link) json.WriteString("link", link.AbsoluteUri);
            else json.WriteNull("link");
        });
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(recipient.Secret!, timestamp, body);
        await JsonPost.SendAsync(http.CreateClient(JsonPost.HttpClientName), new Uri(recipient.Address), body, "the webhook", headers =>
        {
            headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            headers.Add(WebhookSignature.SignatureHeader, signature);
        }, cancellationToken);
    }
}
