using CityBrain.Host.Api;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

public class SimulatedCityTests
{
    [Fact]
    public async Task The_run_command_fills_every_district_of_the_demo_city()
    {
        await using var host = await RunningHost.StartAsync(null, "--simulate=24", "--Fleet:ReportInterval=00:00:01");

        var city = await RunningHost.EventuallyAsync(() => host.GetAsync<RegionResponse>("/api/regions/demo-city")!,
            c => c!.Children.All(d => d.DevicesOnline == 2 && d.Latest.Count >= 12), "every district with two live simulated gateways",
            TimeSpan.FromSeconds(60));

        Assert.All(city!.Children, d =>
        {
            Assert.InRange(d.Latest["pm2_5"].Value, 1, 500);
            Assert.InRange(d.Latest["noise"].Value, 30, 100);
            Assert.Equal("Cel", d.Latest["temperature"].Unit);
        });
    }
}
