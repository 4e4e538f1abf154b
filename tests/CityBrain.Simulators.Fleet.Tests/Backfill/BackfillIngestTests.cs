using System.Globalization;
using System.Net.Http.Json;
using CityBrain.Testing;

namespace CityBrain.Simulators.Fleet.Tests.Backfill;

/// <summary>The history through the real ingest path: the host's broker, the gateways' own credentials, the device grains'
/// late readings, and the device's hourly history as the API serves it.</summary>
public sealed class BackfillIngestTests
{
    private sealed record Point(DateTimeOffset Time, double? Value, int Count);

    private sealed record History(IReadOnlyList<Point> Points);

    [Fact]
    public async Task A_day_of_backfilled_hours_arrives_in_a_devices_hourly_history()
    {
        await using var host = await RunningHost.StartAsync(null, "--simulate=2", "--Fleet:BackfillDays=1");
        var fleet = host.Service<FleetSimulator>();
        await RunningHost.EventuallyAsync(() => Task.FromResult(fleet.Backfill), b => b is not null, "the fleet to plan its run", TimeSpan.FromMinutes(2));
        var result = await fleet.Backfill!.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(0, result.Unacknowledged);
        Assert.InRange(result.Acknowledged, 48, 50);

        var device = fleet.Run!.Sites[0].DeviceId;
        var hourStarts = fleet.Run.Start - TimeSpan.FromDays(1);
        string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var from = Fleet.Gateways.BackfillPlan.HourStart(hourStarts, fleet.Run.Scenario.TimeZone);
        var to = from + TimeSpan.FromHours(24);
        var history = await RunningHost.EventuallyAsync(
            () => host.Http.GetFromJsonAsync<History>($"/api/devices/{device}/history?metric=pm2_5&from={At(from)}&to={At(to)}"),
            h => h!.Points.Count(p => p.Value is not null) >= 20, "the backfilled hours in the device's history", TimeSpan.FromMinutes(3));

        Assert.Equal(Enumerable.Range(0, 24).Select(i => from + TimeSpan.FromHours(i)), history!.Points.Select(p => p.Time.ToUniversalTime()).Take(24));
    }
}
