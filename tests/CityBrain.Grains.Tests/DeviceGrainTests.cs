using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;

namespace CityBrain.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class DeviceGrainTests(ClusterFixture fixture)
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>A batch as ingest makes it, with the payload the device grain journals and a replay reads back.</summary>
    internal static TelemetryBatch Batch(string district, long sequence, DateTimeOffset windowStart, params ReadingValue[] readings) =>
        Batch(district, deviceId: "any", sequence, windowStart, Now, readings);

    internal static TelemetryBatch Batch(string district, string deviceId, long sequence, DateTimeOffset windowStart, DateTimeOffset receivedAt,
        params ReadingValue[] readings)
    {
        var telemetry = new Telemetry(Telemetry.CurrentVersion, deviceId, sequence, windowStart, 60,
            [.. readings.Select(r => Reading.Of(r.Quantity, r.Value, r.Quality, r.Sensor, reason: r.Reason))]);
        return TelemetryBatch.From(district, telemetry, receivedAt, WireFormat.Serialize(telemetry));
    }

    internal static ReadingValue Ok(Quantity q, double v) => new(q, v, Quality.Ok, "s1");

    [Fact]
    public async Task The_first_report_registers_the_device()
    {
        var device = fixture.Grains.GetGrain<IDeviceGrain>("dev-register");
        Assert.Null(await device.GetSnapshot());

        var outcome = await device.Record(Batch("north", 1, Now.AddMinutes(-1), Ok(Quantity.Pm2_5, 33)));

        Assert.Equal(RecordStatus.Accepted, outcome.Status);
        var snapshot = await device.GetSnapshot();
        Assert.Equal("north", snapshot!.DistrictId);
        Assert.True(snapshot.Online);
        Assert.Equal(33, snapshot.Latest[Quantity.Pm2_5].Value);
    }

    [Fact]
    public async Task A_repeated_sequence_is_a_counted_duplicate_and_changes_nothing()
    {
        var device = fixture.Grains.GetGrain<IDeviceGrain>("dev-duplicate");
        await device.Record(Batch("north", 7, Now.AddMinutes(-1), Ok(Quantity.No2, 40)));

        var outcome = await device.Record(Batch("north", 7, Now.AddMinutes(-1), Ok(Quantity.No2, 400)));

        Assert.Equal(RecordStatus.Duplicate, outcome.Status);
        var snapshot = await device.GetSnapshot();
        Assert.Equal(40, snapshot!.Latest[Quantity.No2].Value);
        Assert.Equal(1, snapshot.Duplicates);
        Assert.Equal(1, snapshot.Accepted);
    }

    [Fact]
    public async Task A_late_backlog_report_does_not_replace_a_newer_value()
    {
        var device = fixture.Grains.GetGrain<IDeviceGrain>("dev-backlog");
        await device.Record(Batch("north", 10, Now.AddMinutes(-1), Ok(Quantity.O3, 90)));

        await device.Record(Batch("north", 9, Now.AddMinutes(-30), Ok(Quantity.O3, 20), Ok(Quantity.Co, 0.8)));

        var snapshot = await device.GetSnapshot();
        Assert.Equal(90, snapshot!.Latest[Quantity.O3].Value);
        Assert.Equal(0.8, snapshot.Latest[Quantity.Co].Value);
    }

    [Fact]
    public async Task A_district_outside_the_city_is_rejected_with_the_reason()
    {
        var outcome = await fixture.Grains.GetGrain<IDeviceGrain>("dev-lost").Record(Batch("atlantis", 1, Now, Ok(Quantity.Pm10, 1)));

        Assert.Equal(RecordStatus.Rejected, outcome.Status);
        Assert.Contains("atlantis", outcome.Reason);
        Assert.Null(await fixture.Grains.GetGrain<IDeviceGrain>("dev-lost").GetSnapshot());
    }

    [Fact]
    public async Task A_last_will_takes_the_device_offline_until_it_reports_again()
    {
        var device = fixture.Grains.GetGrain<IDeviceGrain>("dev-will");
        await device.Record(Batch("south", 1, Now.AddMinutes(-1), Ok(Quantity.Noise, 55)));

        await device.SetStatus("south", online: false, Now);
        Assert.False((await device.GetSnapshot())!.Online);

        await device.Record(Batch("south", 2, Now, Ok(Quantity.Noise, 56)));
        Assert.True((await device.GetSnapshot())!.Online);
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var device = fixture.Grains.GetGrain<IDeviceGrain>("dev-persist");
        await device.Record(Batch("south", 1, Now.AddMinutes(-2), Ok(Quantity.Temperature, 18.5)));
        await device.Record(Batch("south", 2, Now.AddMinutes(-1), Ok(Quantity.Temperature, 19.5)));

        await fixture.Cluster.DeactivateAsync(device);

        var snapshot = await device.GetSnapshot();
        Assert.Equal(19.5, snapshot!.Latest[Quantity.Temperature].Value);
        Assert.Equal(2, snapshot.LastSequence);
        Assert.Equal(RecordStatus.Duplicate, (await device.Record(Batch("south", 2, Now, Ok(Quantity.Temperature, 0)))).Status);
    }
}
