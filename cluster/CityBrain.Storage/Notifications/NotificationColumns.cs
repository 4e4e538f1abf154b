using CityBrain.Notifications;
using CityBrain.Notifications.Outbox;

namespace CityBrain.Storage.Notifications;

/// <summary>How the notification stores write severities and states: lower-case names, readable in a query.</summary>
public static class NotificationColumns
{
    public const string Pending = "pending";

    public static string Of(NotificationSeverity severity) => severity.ToString().ToLowerInvariant();

    public static string Of(NotificationState state) => state.ToString().ToLowerInvariant();

    public static NotificationSeverity Severity(string text) => Enum.Parse<NotificationSeverity>(text, ignoreCase: true);

    public static NotificationState State(string text) => Enum.Parse<NotificationState>(text, ignoreCase: true);
}
