using CityBrain.Ingest.Broker;
using CityBrain.Ingest.Delivery;
using CityBrain.Ingest.Metrics;
using CityBrain.Ingest.Pipeline;
using CityBrain.Ingest.Recovery;
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
        services.AddSingleton<IngestPipeline>();
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section)
            .Validate(o => o.Port is > 0 and <= 65535, "Broker:Port must be 1..65535")
            .Validate(o => System.Net.IPAddress.TryParse(o.BindAddress, out _), "Broker:BindAddress must be an IP address, e.g. 127.0.0.1 or 0.0.0.0")
            .Validate(o => o.MaxPendingMessagesPerClient > 0, "Broker:MaxPendingMessagesPerClient must be positive")
            .ValidateOnStart();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddHostedService<JournalRecovery>();

        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetainedMessageSync>();
        services.AddHostedService(sp => sp.GetRequiredService<RetainedMessageSync>());
        services.AddSingleton<IDeviceMessagePublisher, RetainedMessagePublisher>();
        return services;
    }
}
