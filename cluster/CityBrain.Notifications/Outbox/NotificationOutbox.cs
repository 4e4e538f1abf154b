using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Outbox;

/// <summary>Checks a notification, stores it and wakes the sender.</summary>
public sealed class NotificationOutbox(INotificationStore store, IRecipientDirectory recipients, OutboxSignal signal, TimeProvider time) : INotificationOutbox
{
    public async Task<bool> EnqueueAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        if (notification.Problem() is { } problem) throw new ArgumentException(problem, nameof(notification));
        if (recipients.Find(notification.RecipientId) is null)
        {
            throw new ArgumentException(
                $"notification {notification.Key}: no recipient '{notification.RecipientId}' is configured under {NotificationOptions.Section}:Recipients",
                nameof(notification));
        }
        var added = await store.AddAsync(NotificationRecord.New(notification, time.GetUtcNow()), cancellationToken);
        if (added) signal.Raise();
        return added;
    }
}
