using CityBrain.Notifications;

namespace CityBrain.Host.Notifications;

/// <summary>Notification delivery on every node: the options, recipients, channels and the sender of
/// <see cref="NotificationsServiceCollectionExtensions.AddNotifications"/>, over the outbox the node's stores provide
/// (<see cref="Hosting.StoreHosting"/>: SQLite on one machine, the shared PostgreSQL in a cluster, where every node's
/// sender takes from the same outbox).</summary>
public static class NotificationHosting
{
    /// <param name="timeZone">The region tree's zone: quiet hours of recipients without a zone of their own are read in it
    /// unless <c>Notifications:TimeZone</c> says otherwise.</param>
    public static WebApplicationBuilder AddCityBrainNotifications(this WebApplicationBuilder builder, string timeZone)
    {
        builder.Services.AddNotifications(o => o.TimeZone ??= timeZone);
        return builder;
    }
}
