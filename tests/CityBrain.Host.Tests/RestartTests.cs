using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

public class RestartTests
{
    [Fact]
    public async Task Registry_and_latest_values_survive_a_restart_on_the_same_data_directory()
    {
        string dataDirectory;
        await using (var first = await RunningHost.StartAsync())
        {
            dataDirectory = first.DataDirectory;
            await using var device = first.Device("tongzhou", "restart-1");
            await device.ConnectAsync();
            await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Humidity, 55.5));
            await RunningHost.EventuallyAsync(() => first.GetAsync<CityResponse>("/api/city")!,
                c => c!.Districts.Single(d => d.Id == "tongzhou").DevicesRegistered == 1, "registration before the restart");
        }

        await using var second = await RunningHost.StartAsync(dataDirectory);

        var device2 = await second.GetAsync<DeviceResponse>("/api/devices/restart-1");
        Assert.Equal(55.5, device2!.Latest["humidity"].Value);
        Assert.Equal("tongzhou", device2.District);
        var district = await RunningHost.EventuallyAsync(() => second.GetAsync<CityResponse>("/api/city")!,
            c => c!.Districts.Single(d => d.Id == "tongzhou").DevicesRegistered == 1, "registration after the restart");
        Assert.Equal(55.5, district!.Districts.Single(d => d.Id == "tongzhou").Latest["humidity"].Value);
    }
}
