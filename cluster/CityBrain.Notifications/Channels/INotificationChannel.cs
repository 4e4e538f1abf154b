using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Channels;

/// <summary>One way of reaching people. <see cref="SendAsync"/> returns once the other side accepted the notification
/// and throws when it did not (<see cref="DeliveryFailedException"/> for a refusal, or the I/O error).</summary>
public interface INotificationChannel
{
    ChannelKind Kind { get; }

    Task SendAsync(Notification notification, Recipient recipient, CancellationToken cancellationToken);
}
