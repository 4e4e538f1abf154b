using CityBrain.Host.Api;
using CityBrain.Ingest.Metrics;
using CityBrain.Regions;
using CityBrain.Testing;
using NetTopologySuite.Geometries;

namespace CityBrain.Host.Tests;

public class SimulatedCityTests
{
    [Fact]
    public async Task The_run_command_fills_every_district_of_the_demo_city()
    {
        await using var host = await RunningHost.StartAsync(null, "--simulate=24", "--Fleet:ReportInterval=00:00:01", "--Fleet:HealthInterval=00:00:05");

        var city = await RunningHost.EventuallyAsync(() => host.GetAsync<RegionResponse>("/api/regions/demo-city")!,
            c => c!.Children.All(d => d.DevicesOnline == 2 && d.Latest.Count >= 12), "every district with two live simulated gateways",
            TimeSpan.FromSeconds(60));

        Assert.All(city!.Children, d =>
        {
            Assert.InRange(d.Latest["pm2_5"].Value, 1, 500);
            Assert.InRange(d.Latest["noise"].Value, 30, 100);
            Assert.Equal("Cel", d.Latest["temperature"].Unit);
        });

        // Simulated gateways send health as real ones do, and the device view shows it.
        var district = await host.GetAsync<RegionResponse>($"/api/regions/{city.Children[0].Id}");
        var device = district!.Devices![0].Id;
        var shown = await RunningHost.EventuallyAsync(() => host.GetAsync<DeviceResponse>($"/api/devices/{device}")!,
            d => d!.Health is not null, $"{device}'s health in the device view", TimeSpan.FromSeconds(30));
        Assert.NotEmpty(shown!.Health!.Sensors);
        Assert.All(shown.Health.Sensors, s => Assert.True(s.Samples > 0, $"{s.Sensor} sampled"));

        // Each gateway announces a site inside its district's outline, which the cluster accepts and lists.
        var outlines = RegionFile.Load(Path.Combine(AppContext.BaseDirectory, "cities", "demo-city.json")).Boundaries;
        foreach (var child in city.Children)
        {
            var listed = await RunningHost.EventuallyAsync(() => host.GetAsync<RegionResponse>($"/api/regions/{child.Id}")!,
                r => r!.Devices!.Count == 2 && r.Devices.All(d => d.Site is not null), $"the sites of {child.Id}'s gateways", TimeSpan.FromSeconds(30));
            Assert.True(outlines.TryGet(child.Id, out var outline), $"{child.Id} has an outline");
            Assert.All(listed!.Devices!, d =>
            {
                Assert.StartsWith(child.NameZh, d.Site!.Name);
                Assert.True(outline.Contains(new Point(d.Site.Longitude!.Value, d.Site.Latitude!.Value)), $"{d.Id} at {d.Site} inside {child.Id}");
            });
        }
        var refused = (await host.GetAsync<IngestCounters>("/api/ops/ingest"))!.SitesRefused;
        Assert.Equal(0, refused);
    }
}
