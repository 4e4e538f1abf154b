using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Devices;
using CityBrain.Indicators.Alerts;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using static CityBrain.Grains.Tests.DeviceGrainTests;

namespace CityBrain.Grains.Tests;

/// <summary>Readings of known concentration through the device, district and city grains into hourly means, AQI,
/// history and alerts. The hours fed are past ones: the test cluster closes hours moments after they end.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IndicatorGrainTests(ClusterFixture fixture)
{
    private static readonly LocalCalendar Calendar = LocalCalendar.ForZone(ClusterFixture.City.TimeZone);

    private static ClockHour PreviousHour => Calendar.HourOf(DateTimeOffset.UtcNow.AddHours(-1));

    /// <summary>One report a minute over <paramref name="minutes"/> of <paramref name="hour"/>.</summary>
    private async Task FeedAsync(string device, string district, ClockHour hour, IEnumerable<int> minutes, Func<int, ReadingValue[]> readings)
    {
        var grain = fixture.Grains.GetGrain<IDeviceGrain>(device);
        foreach (var minute in minutes)
        {
            var outcome = await grain.Record(Batch(district, hour.Start.ToUnixTimeSeconds() + minute, hour.Start.AddMinutes(minute), readings(minute)));
            Assert.Equal(RecordStatus.Accepted, outcome.Status);
        }
    }

    private Task<IReadOnlyList<HistoryPoint>> PointsAsync(HistoryScope scope, string id, ClockHour hour, string metric,
        HistoryResolution resolution = HistoryResolution.Hour) =>
        ClusterFixture.EventuallyAsync(
            () => fixture.History.ReadAsync(new HistoryQuery(scope, id, resolution,
                resolution == HistoryResolution.Hour ? hour.Start : Calendar.StartOf(hour.Day), hour.End, [metric])),
            points => points.Count > 0, $"{metric} of {scope} {id} at {hour}");

    [Fact]
    public async Task A_district_hour_is_the_mean_of_its_devices_hours_and_its_AQI_follows_HJ_633_2026()
    {
        var hour = PreviousHour;
        await FeedAsync("aqi-east-1", "east", hour, Enumerable.Range(0, 60), _ => [Ok(Quantity.Pm2_5, 60), Ok(Quantity.Pm10, 40)]);
        await FeedAsync("aqi-east-2", "east", hour, Enumerable.Range(0, 60), _ => [Ok(Quantity.Pm2_5, 100), Ok(Quantity.Pm10, 40)]);

        // The hour may close while its minutes still arrive (the test cluster closes hours at once); the rest reopen it.
        var device = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.Device, "aqi-east-1", hour, "pm2_5"),
            p => p.Single().Count == 60, "aqi-east-1's whole hour");
        Assert.Equal(60, device.Single().Value);

        var mean = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.District, "east", hour, "pm2_5"),
            p => p.Single().Count == 2, "both devices in east's hour");
        Assert.Equal(80, mean.Single().Value!.Value, 9);

        // HJ 633-2026, real-time report: PM2.5 80 in the 24h column, 60 → 100 and 115 → 150: 100 + 50·20/55 = 118.2 → 119.
        var aqi = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.District, "east", hour, HistoryMetrics.Aqi),
            p => p.Single().Value == 119, "east's AQI of the hour");
        Assert.Equal("HJ633-2026", aqi.Single().RuleSet);

        var city = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.Region, ClusterFixture.City.Root.Id, hour, "pm2_5"),
            p => p.Single().Count >= 2, "the city's hour");
        Assert.NotNull(city.Single().Value);

        var snapshot = await ClusterFixture.EventuallyAsync(() => fixture.Grains.GetGrain<IRegionGrain>(ClusterFixture.City.Root.Id).GetSnapshot(),
            s => s.Children.Single(d => d.Id == "east").Indicators.Alerts.Any(a => a.Key.Kind == AlertKind.AirPolluted),
            "an air-pollution alert in east");
        var east = snapshot.Children.Single(d => d.Id == "east").Indicators;
        var alert = east.Alerts.Single(a => a.Key.Kind == AlertKind.AirPolluted);
        Assert.Equal((119.0, 100.0, (DateTimeOffset?)null), (alert.Value, alert.Limit, alert.End));
        if (east.Air is { Provisional: false } air && air.Hour == hour)
        {
            Assert.Equal(119, air.Result.Aqi);
            Assert.Equal("lightlyPolluted", air.Result.Category!.Code);
        }
    }

    [Fact]
    public async Task Noise_over_the_zone_limit_raises_an_alert_with_the_limit_of_the_hours_period()
    {
        var hour = PreviousHour;
        await FeedAsync("noise-east-1", "east", hour, Enumerable.Range(0, 60), minute => [Ok(Quantity.Noise, minute % 2 == 0 ? 78 : 82)]);

        // Energy mean of 78 and 82 dB: 10·log10((10^7.8 + 10^8.2) / 2) = 80.4 dB.
        var level = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.District, "east", hour, "noise"),
            p => p.Single().Value is not null, "east's noise hour");
        Assert.Equal(80.4, level.Single().Value!.Value, 1);

        var city = await ClusterFixture.EventuallyAsync(() => fixture.Grains.GetGrain<IRegionGrain>(ClusterFixture.City.Root.Id).GetSnapshot(),
            s => s.Children.Single(d => d.Id == "east").Indicators.Alerts.Any(a => a.Key.Kind == AlertKind.NoiseOverLimit),
            "a noise alert in east");
        var alert = city.Children.Single(d => d.Id == "east").Indicators.Alerts.Single(a => a.Key.Kind == AlertKind.NoiseOverLimit);
        // Zone 4a (along main roads): 70 dB(A) by day, 55 at night.
        var night = Calendar.ToLocal(hour.Start).Hour is >= 22 or < 6;
        Assert.Equal(night ? 55 : 70, alert.Limit);
    }

    [Fact]
    public async Task An_hour_with_less_than_45_minutes_or_only_invalid_readings_is_invalid_never_zero()
    {
        var hour = PreviousHour;
        await FeedAsync("thin-1", "north", hour, Enumerable.Range(0, 40), _ => [Ok(Quantity.No2, 50)]);
        await FeedAsync("broken-1", "north", hour, Enumerable.Range(0, 60), _ => [new ReadingValue(Quantity.No2, null, Quality.Invalid, "s1", "checksum")]);

        var thin = Assert.Single(await PointsAsync(HistoryScope.Device, "thin-1", hour, "no2"));
        var broken = Assert.Single(await PointsAsync(HistoryScope.Device, "broken-1", hour, "no2"));
        Assert.Null(thin.Value);
        Assert.Null(broken.Value);
        Assert.Equal(0, broken.Count);
    }

    [Fact]
    public async Task A_backlog_arriving_after_the_hour_closed_completes_it_instead_of_replacing_it()
    {
        var hour = PreviousHour;
        await FeedAsync("late-1", "west", hour, Enumerable.Range(0, 30), _ => [Ok(Quantity.O3, 40)]);
        var first = Assert.Single(await PointsAsync(HistoryScope.Device, "late-1", hour, "o3"));
        Assert.Null(first.Value);

        await FeedAsync("late-1", "west", hour, Enumerable.Range(30, 30), _ => [Ok(Quantity.O3, 80)]);
        var completed = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.Device, "late-1", hour, "o3"),
            p => p.Single().Count == 60, "the completed hour");
        Assert.Equal(60, completed.Single().Value!.Value, 9);
        Assert.Equal(60, completed.Single().Count);

        var district = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.District, "west", hour, "o3"),
            p => p.Single().Value is > 59.999 and < 60.001, "west's hour with the completed device hour");
        Assert.Equal(60, district.Single().Value!.Value, 9);
        Assert.Equal(1, district.Single().Count);
    }

    [Fact]
    public async Task An_hourly_share_the_district_failed_to_take_is_sent_again_not_lost()
    {
        var hour = PreviousHour;
        // Rising values: a lost share, or a later revision taking back one the district never had, moves the mean.
        await FeedAsync("flaky-1", FlakyDistrictFilter.District, hour, Enumerable.Range(0, 60), minute => [Ok(Quantity.Co, 0.5 + 0.01 * minute)]);

        var district = await ClusterFixture.EventuallyAsync(() => PointsAsync(HistoryScope.District, FlakyDistrictFilter.District, hour, "co"),
            p => p.Single().Value is > 0.7949 and < 0.7951, "the flaky district's hour, 0.795 mg/m³, with the share sent again");
        Assert.True(FlakyDistrictFilter.Failed);
        Assert.Equal(1, district.Single().Count);
    }

    [Fact]
    public async Task Network_health_counts_registered_and_online_devices()
    {
        await fixture.Grains.GetGrain<IDeviceGrain>("net-1").Record(Batch("quiet", 1, DateTimeOffset.UtcNow.AddMinutes(-1), Ok(Quantity.Temperature, 10)));
        var city = await ClusterFixture.EventuallyAsync(() => fixture.Grains.GetGrain<IRegionGrain>(ClusterFixture.City.Root.Id).GetSnapshot(),
            c => c.Children.Single(d => d.Id == "quiet").Indicators.Network.Registered >= 1, "quiet's network");
        var network = city.Children.Single(d => d.Id == "quiet").Indicators.Network;
        Assert.Equal(1.0, network.OnlineRate);
        Assert.True(city.Self.Indicators.Network.Registered >= network.Registered);
    }
}
