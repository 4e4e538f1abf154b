using CityBrain.Edge;
using CityBrain.Edge.Configuration;
using CityBrain.Host.Api;
using CityBrain.Host.Hosting;
using CityBrain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.EndToEnd.Tests;

/// <summary>A reading's whole way on one machine: emulated chip → real driver → gateway sampler → SQLite outbox →
/// MQTT → embedded broker → ingest → grains → HTTP API, next to a small simulated fleet.</summary>
public class WholePathTests
{
    [Fact]
    public async Task A_provisioned_gateway_and_a_fleet_reach_the_city_api()
    {
        await using var cluster = await RunningHost.StartAsync(null, "--simulate=12", "--Fleet:ReportInterval=00:00:01");
        var output = new StringWriter();
        Assert.Equal(0, await CredentialsCommand.RunAsync(["credentials", "add", "gw-e2e-1", "--district", "pinggu", "--data", cluster.DataDirectory],
            output, new StringWriter()));
        var password = output.ToString().Split("password ")[1].Split(Environment.NewLine)[0];

        var gatewayData = Directory.CreateTempSubdirectory("citybrain-gw-").FullName;
        using var gateway = Gateway(cluster.MqttPort, password, gatewayData);
        await gateway.StartAsync();
        try
        {
            var device = await RunningHost.EventuallyAsync(async () => (await cluster.Http.GetAsync("/api/devices/gw-e2e-1")).IsSuccessStatusCode
                    ? await cluster.GetAsync<DeviceResponse>("/api/devices/gw-e2e-1") : null,
                // The first window can close before the sensor's first sample on a slow machine: it is then reported
                // invalid ("no samples in the window"), which is right, so wait for a window with samples.
                d => d is not null && d.Latest.TryGetValue("temperature", out var t) && t.Quality == "ok" && d.Health is not null,
                "the gateway's first clean report and health",
                TimeSpan.FromSeconds(120));
            var sensor = Assert.Single(device!.Health!.Sensors);
            Assert.Equal("SHT4x", sensor.Model);
            Assert.True(sensor.Samples > 0);
            Assert.True(device.Health.UptimeSeconds > 0);
            Assert.Equal("pinggu", device!.District);
            Assert.Equal("ok", device.Latest["temperature"].Quality);
            Assert.StartsWith("sht4x@1:0x44", device.Latest["humidity"].Sensor);

            // Remote configuration: put through the cluster's API, applied by the running gateway, kept on its disk.
            var put = await cluster.Http.PutAsync("/api/devices/gw-e2e-1/config",
                new StringContent("""{"version":1,"reportIntervalSeconds":2,"sampleIntervalSeconds":1}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, put.StatusCode);
            var settings = gateway.Services.GetRequiredService<LiveSettings>();
            await RunningHost.EventuallyAsync(() => Task.FromResult(settings.ReportInterval), i => i == TimeSpan.FromSeconds(2), "the new report interval");
            Assert.Equal(TimeSpan.FromSeconds(1), settings.SampleInterval);
            Assert.True(File.Exists(Path.Combine(gatewayData, "device-config.json")));

            var city = await RunningHost.EventuallyAsync(() => cluster.GetAsync<RegionResponse>("/api/regions/demo-city")!,
                c => c!.Children.Single(d => d.Id == "pinggu").DevicesRegistered == 2 && c.Children.All(d => d.DevicesRegistered >= 1),
                "the gateway beside a simulated one in pinggu, and a simulated gateway in every district");
            Assert.Equal(13, city!.Children.Sum(d => d.DevicesRegistered));
        }
        finally
        {
            await gateway.StopAsync();
        }
        // A clean stop says goodbye: the cluster sees the gateway offline at once.
        var after = await RunningHost.EventuallyAsync(() => cluster.GetAsync<DeviceResponse>("/api/devices/gw-e2e-1")!,
            d => !d!.Online, "the gateway offline after its goodbye");
        Assert.False(after!.Online);
    }

    private static IHost Gateway(int mqttPort, string password, string dataDirectory)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCityBrainGateway(o =>
        {
            o.DeviceId = "gw-e2e-1";
            o.District = "pinggu";
            o.DataDirectory = dataDirectory;
            o.ReportInterval = TimeSpan.FromSeconds(1);
            o.SampleInterval = TimeSpan.FromMilliseconds(200);
            o.HealthInterval = TimeSpan.FromSeconds(1);
            o.Broker = new BrokerOptions { Host = "127.0.0.1", Port = mqttPort, Password = password };
            o.Sensors = [new SensorOptions { Type = "sht4x", Emulated = true }];
        });
        return builder.Build();
    }
}
