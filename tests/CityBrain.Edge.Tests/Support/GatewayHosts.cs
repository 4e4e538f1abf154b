using CityBrain.Edge.Configuration;
using CityBrain.Edge.Hosting;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Tests.Support;

/// <summary>The real gateway service in a host of its own, on emulated chips, against a test broker.</summary>
public static class GatewayHosts
{
    public static GatewayOptions Options(TestBroker broker, string dataDirectory, string device = "gw-host") => new()
    {
        DeviceId = device,
        District = "haidian",
        DataDirectory = dataDirectory,
        ReportInterval = TimeSpan.FromSeconds(1),
        SampleInterval = TimeSpan.FromMilliseconds(200),
        HealthInterval = TimeSpan.FromSeconds(1),
        StatusInterval = TimeSpan.FromMilliseconds(200),
        Broker = new BrokerOptions { Host = "127.0.0.1", Port = broker.Port, Password = "secret", RefusedRetry = TimeSpan.FromMilliseconds(300) },
        Sensors = [new SensorOptions { Type = "sht4x", Emulated = true }],
    };

    public static IHost Build(GatewayOptions options)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCityBrainGateway(o =>
        {
            o.DeviceId = options.DeviceId;
            o.District = options.District;
            o.Site = options.Site;
            o.Position = options.Position;
            o.DataDirectory = options.DataDirectory;
            o.ReportInterval = options.ReportInterval;
            o.SampleInterval = options.SampleInterval;
            o.HealthInterval = options.HealthInterval;
            o.StatusInterval = options.StatusInterval;
            o.Broker = options.Broker;
            o.Outbox = options.Outbox;
            o.Sensors = options.Sensors;
        });
        return builder.Build();
    }

    public static GatewayRuntime Runtime(this IHost host) => host.Services.GetRequiredService<GatewayService>().Runtime;
}
