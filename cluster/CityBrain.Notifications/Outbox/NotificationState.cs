namespace CityBrain.Notifications.Outbox;

public enum NotificationState
{
    /// <summary>Waiting for its next attempt (or its recipient's quiet hours to end).</summary>
    Pending,

    /// <summary>Delivered: the channel accepted it.</summary>
    Sent,

    /// <summary>Given up after the last attempt; an operator may move it back to pending.</summary>
    Dead,
}
