using CityBrain.Notifications.Channels;
using CityBrain.Notifications.Delivery;
using CityBrain.Notifications.Outbox;
using CityBrain.Notifications.Recipients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityBrain.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The options of the <c>Notifications</c> section (validated at start), the recipients, the four channels,
    /// <see cref="INotificationOutbox"/> and the sender that delivers it. The <see cref="INotificationStore"/> comes with
    /// the host's stores (SQLite or PostgreSQL). Uses the registered <see cref="TimeProvider"/>, or the system clock.</summary>
    /// <param name="configure">Runs after the configuration is bound, e.g. to give the host's time zone as the default.</param>
    public static IServiceCollection AddNotifications(this IServiceCollection services, Action<NotificationOptions>? configure = null)
    {
        var options = services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        if (configure is not null) options.PostConfigure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(JsonPost.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<NotificationOptions>>().Value.SendTimeout);

        services.TryAddSingleton<IRecipientDirectory, RecipientDirectory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, SignedWebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, EmailChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, WeComRobotChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, DingTalkRobotChannel>());
        services.TryAddSingleton<NotificationChannels>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<INotificationOutbox, NotificationOutbox>();
        services.AddHostedService<NotificationSender>();
        return services;
    }
}
