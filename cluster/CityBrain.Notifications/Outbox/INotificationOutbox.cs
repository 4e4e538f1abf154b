namespace CityBrain.Notifications.Outbox;

/// <summary>Where code that wants people told something hands it over. Once <see cref="EnqueueAsync"/> returns, the
/// notification is stored and will be delivered (or end in the dead-letter list) even if the host restarts.</summary>
public interface INotificationOutbox
{
    /// <summary>Stores <paramref name="notification"/> for delivery; false when its recipient already has its key (sent,
    /// pending or dead), which makes enqueueing again harmless.</summary>
    /// <exception cref="ArgumentException">The notification is malformed (<see cref="Notification.Problem"/>) or its
    /// recipient is not configured.</exception>
    Task<bool> EnqueueAsync(Notification notification, CancellationToken cancellationToken = default);
}
