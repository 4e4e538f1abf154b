using System.Data.Common;
using CityBrain.Notifications;
using CityBrain.Notifications.Outbox;

namespace CityBrain.Storage.Notifications;

/// <summary>The columns of the notification stores' table and how a row becomes a record: severities and states as
/// lower-case names, readable in a query; times as each database keeps them.</summary>
public static class NotificationColumns
{
    /// <summary>Every column, in the order <see cref="Read"/> takes them.</summary>
    public const string All = "recipient_id, key, severity, title, text, link, state, attempts, created_at, next_attempt_at, finished_at, last_error";

    public static string Of(NotificationSeverity severity) => severity.ToString().ToLowerInvariant();

    public static string Of(NotificationState state) => state.ToString().ToLowerInvariant();

    /// <summary>The record of the row <paramref name="reader"/> is on, selected as <see cref="All"/>.</summary>
    /// <param name="time">Reads the time in a column.</param>
    public static NotificationRecord Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time)
    {
        var notification = new Notification(reader.GetString(1), reader.GetString(0), Enum.Parse<NotificationSeverity>(reader.GetString(2), ignoreCase: true),
            reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : new Uri(reader.GetString(5)));
        return new NotificationRecord(notification, Enum.Parse<NotificationState>(reader.GetString(6), ignoreCase: true), reader.GetInt32(7),
            time(reader, 8), time(reader, 9), reader.IsDBNull(10) ? null : time(reader, 10), reader.IsDBNull(11) ? null : reader.GetString(11));
    }
}
