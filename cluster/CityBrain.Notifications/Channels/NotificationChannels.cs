using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Channels;

/// <summary>The registered channels by kind.</summary>
public sealed class NotificationChannels(IEnumerable<INotificationChannel> channels)
{
    private readonly Dictionary<ChannelKind, INotificationChannel> _byKind = channels.ToDictionary(c => c.Kind);

    public Task SendAsync(Notification notification, Recipient recipient, CancellationToken cancellationToken) =>
        _byKind.TryGetValue(recipient.Channel, out var channel)
            ? channel.SendAsync(notification, recipient, cancellationToken)
            : throw new DeliveryFailedException($"no channel of kind {recipient.Channel} is registered");
}
