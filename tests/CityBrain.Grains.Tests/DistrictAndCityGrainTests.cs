using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Districts;
using static CityBrain.Grains.Tests.DeviceGrainTests;

namespace CityBrain.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class DistrictAndCityGrainTests(ClusterFixture fixture)
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_district_averages_its_devices_latest_valid_values()
    {
        await fixture.Grains.GetGrain<IDeviceGrain>("avg-1").Record(Batch("south", 1, Now.AddMinutes(-1), Ok(Quantity.Pm2_5, 20), Ok(Quantity.Noise, 60)));
        await fixture.Grains.GetGrain<IDeviceGrain>("avg-2").Record(Batch("south", 1, Now.AddMinutes(-1), Ok(Quantity.Pm2_5, 40), Ok(Quantity.Noise, 70)));
        await fixture.Grains.GetGrain<IDeviceGrain>("avg-3").Record(Batch("south", 1, Now.AddMinutes(-1),
            new ReadingValue(Quantity.Pm2_5, 900, Quality.Invalid, "s1", "checksum errors"), new ReadingValue(Quantity.Noise, 90, Quality.Suspect, "s1")));

        var detail = await ClusterFixture.EventuallyAsync(() => fixture.Grains.GetGrain<IDistrictGrain>("south").GetDetail(),
            d => d.Devices.Count(x => x.DeviceId.StartsWith("avg-", StringComparison.Ordinal)) == 3, "three devices in south");

        var devicesInTest = detail.Snapshot.Latest[Quantity.Pm2_5].Devices;
        Assert.True(devicesInTest >= 2);
        Assert.DoesNotContain(detail.Devices, d => d.DeviceId == "avg-3" && !d.Online);
        // Only ok values count: the invalid 900 and the suspect 90 dB stay out of the means.
        Assert.True(detail.Snapshot.Latest[Quantity.Pm2_5].Value < 100);
        Assert.True(detail.Snapshot.Latest[Quantity.Noise].Value < 80);
    }

    [Fact]
    public async Task The_city_lists_every_district_and_fills_them_as_they_report()
    {
        await fixture.Grains.GetGrain<IDeviceGrain>("city-1").Record(Batch("north", 1, Now.AddMinutes(-1), Ok(Quantity.Humidity, 45)));

        var city = await ClusterFixture.EventuallyAsync(() => fixture.Grains.GetGrain<IRegionGrain>(ClusterFixture.City.Root.Id).GetSnapshot(),
            c => c.Children.Single(d => d.Id == "north").Latest.ContainsKey(Quantity.Humidity), "north in the city");

        Assert.Equal(["north", "south", "quiet", "east", "west", "flaky"], city.Children.Select(d => d.Id));
        Assert.DoesNotContain(Quantity.Humidity, city.Children.Single(d => d.Id == "quiet").Latest.Keys);
        Assert.True(city.Children.Single(d => d.Id == "north").DevicesRegistered >= 1);
    }

    [Fact]
    public async Task A_report_its_district_failed_to_take_is_sent_again_without_a_new_reading()
    {
        // The device's only reading: if the failed report were not retried, the district would never hear of it.
        await fixture.Grains.GetGrain<IDeviceGrain>(FlakyDistrictFilter.ReportFailsOnce).Record(Batch("north", FlakyDistrictFilter.ReportFailsOnce, 1,
            Now.AddMinutes(-1), Now, Ok(Quantity.O3, 123)));

        var detail = await ClusterFixture.EventuallyAsync(() => fixture.Grains.GetGrain<IDistrictGrain>("north").GetDetail(),
            d => d.Devices.Any(x => x.DeviceId == FlakyDistrictFilter.ReportFailsOnce), "the device in north's detail");

        Assert.True(FlakyDistrictFilter.FailedReport);
        Assert.True(detail.Devices.Single(x => x.DeviceId == FlakyDistrictFilter.ReportFailsOnce).Online);
    }

    [Fact]
    public void A_device_is_online_while_heard_from_within_the_window_and_not_after_saying_goodbye()
    {
        var seen = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var summary = new DeviceSummary("silent-1", seen, SaidGoodbye: false, new Dictionary<Quantity, LatestValue>());
        var window = TimeSpan.FromMinutes(5);

        Assert.True(summary.IsOnline(seen.AddMinutes(5), window));
        Assert.False(summary.IsOnline(seen.AddMinutes(5).AddTicks(1), window));
        Assert.False((summary with { SaidGoodbye = true }).IsOnline(seen, window));
        Assert.False((summary with { LastSeen = null }).IsOnline(seen, window));
    }
}
