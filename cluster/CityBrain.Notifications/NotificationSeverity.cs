namespace CityBrain.Notifications;

/// <summary>How urgent a notification is. Only <see cref="Critical"/> may break through a recipient's quiet hours, and
/// only where the recipient allows it.</summary>
public enum NotificationSeverity
{
    Info,
    Warning,
    Critical,
}
