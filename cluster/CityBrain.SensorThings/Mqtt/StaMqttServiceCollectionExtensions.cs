using CityBrain.Ingest.Broker;
using CityBrain.Ingest.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.SensorThings.Mqtt;

public static class StaMqttServiceCollectionExtensions
{
    /// <summary>The MQTT extension on the node's embedded broker: readers with API tokens, and every accepted report's
    /// Observations published. Call it after <c>AddCityBrainIngest</c> and <c>AddOpenDataAccess</c>: the publisher
    /// starts after the broker and stops before it.</summary>
    public static IServiceCollection AddSensorThingsMqtt(this IServiceCollection services)
    {
        services.AddOptions<StaMqttOptions>().BindConfiguration(StaMqttOptions.Section)
            .PostConfigure<IConfiguration>((o, configuration) => o.ServiceRoot ??= configuration[$"{SensorThingsOptions.Section}:ServiceRoot"] ?? OwnRoot(configuration))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaMqttMetrics>();
        services.AddSingleton<IMqttReaders, StaMqttReaders>();
        services.AddSingleton<AcceptedReportQueue>();
        services.AddSingleton<IAcceptedReports>(sp => sp.GetRequiredService<AcceptedReportQueue>());
        services.AddHostedService<ObservationPublisher>();
        return services;
    }

    /// <summary>The node's own HTTP address: a wildcard bind address is reached as localhost.</summary>
    private static string OwnRoot(IConfiguration configuration)
    {
        var address = configuration["CityBrain:HttpBindAddress"] is { Length: > 0 } bound && bound is not ("0.0.0.0" or "::" or "*" or "+") ? bound : "localhost";
        var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
        return $"http://{host}:{configuration.GetValue("CityBrain:HttpPort", 5080)}/sta/v1.1";
    }
}
