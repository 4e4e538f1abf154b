using CityBrain.Ingest.Broker;
using CityBrain.Ingest.Delivery;
using CityBrain.Ingest.Metrics;
using CityBrain.Ingest.Pipeline;
using CityBrain.Ingest.Recovery;
using CityBrain.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CityBrain.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>The node's way in and out for devices: the embedded broker with ingest inside its publish interception,
    /// journal recovery, and the delivery of retained device messages. Call it after the silo is added: hosted services
    /// start in order, so the broker takes messages only once grains can, and stops before them.</summary>
    public static IServiceCollection AddCityBrainIngest(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton(sp => new SiteCheck(sp.GetService<RegionBoundaries>()));
        services.AddSingleton<IngestPipeline>();
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section)
            .Validate(o => o.Port is > 0 and <= 65535, "Broker:Port must be 1..65535")
            .Validate(o => BrokerAddresses.Parse(o.BindAddress).Count > 0, "Broker:BindAddress must be an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost for both loopbacks")
            .Validate(o => o.MaxPendingMessagesPerClient > 0, "Broker:MaxPendingMessagesPerClient must be positive")
            .Validate(o => o.MaxPacketBytes is >= 1024 and <= 268_435_455, "Broker:MaxPacketBytes must be 1024..268435455 (MQTT's maximum)")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero, "Broker:ConnectTimeout must be positive")
            .Validate(o => o.MaxConnectionsPerAddress > 0, "Broker:MaxConnectionsPerAddress must be positive")
            .Validate(o => o.ConnectsPerSecondPerAddress > 0 && o.ConnectBurstPerAddress > 0, "Broker:ConnectsPerSecondPerAddress and ConnectBurstPerAddress must be positive")
            .Validate(o => o.FailedLoginsBeforeDelay > 0 && o.FailedLoginsBeforeDelayPerAddress > 0, "Broker:FailedLoginsBeforeDelay and FailedLoginsBeforeDelayPerAddress must be positive")
            .Validate(o => o.LoginDelay > TimeSpan.Zero && o.MaxLoginDelay >= o.LoginDelay, "Broker:LoginDelay must be positive and at most Broker:MaxLoginDelay")
            .Validate(o => o.VerifiedPasswordLifetime >= TimeSpan.Zero && o.VerifiedPasswordCapacity > 0, "Broker:VerifiedPasswordLifetime must not be negative and Broker:VerifiedPasswordCapacity must be positive")
            .ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddOptions<PasswordCheckOptions>().BindConfiguration(PasswordCheckOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PasswordCheckGate>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<DeviceSessions>();
        services.AddSingleton<SessionTakeovers>();
        services.AddSingleton<EmbeddedBroker>();
        services.AddOptions<CredentialWatchOptions>().BindConfiguration(CredentialWatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CredentialWatcher>();
        // Before the broker: the watcher takes the store's latest change before any device can connect.
        services.AddHostedService(sp => sp.GetRequiredService<CredentialWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddHostedService<JournalRecovery>();

        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetainedMessageSync>();
        services.AddHostedService(sp => sp.GetRequiredService<RetainedMessageSync>());
        services.AddSingleton<IDeviceMessagePublisher, RetainedMessagePublisher>();
        return services;
    }
}
