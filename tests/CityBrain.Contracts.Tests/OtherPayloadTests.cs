using System.Buffers;
using System.Text;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Tests;

public class OtherPayloadTests
{
    private static ReadOnlySequence<byte> Bytes(string s) => new(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Status_round_trips_with_lower_case_state()
    {
        var status = new Status(1, "gw-1", DeviceState.Offline);
        var bytes = WireFormat.Serialize(status);
        Assert.Contains("\"state\":\"offline\"", Encoding.UTF8.GetString(bytes));
        Assert.Equal(status, WireFormat.ParseStatus(new ReadOnlySequence<byte>(bytes)).Value);
    }

    [Fact]
    public void Health_round_trips()
    {
        var health = new Health(1, "gw-1", DateTimeOffset.UnixEpoch, 3600, 12, 30.5, 1, 0, DateTimeOffset.UnixEpoch,
            [new SensorHealth("bme280@1:0x76", "BME280", 100, 2, "crc", new Calibration(0.5, 1.02, new DateOnly(2026, 10, 1)))],
            CpuTemperature: 48.3, FreeDiskBytes: 1_000_000);
        var parsed = WireFormat.ParseHealth(new ReadOnlySequence<byte>(WireFormat.Serialize(health)));
        Assert.True(parsed.Ok, parsed.Rejection?.ToString());
        Assert.Equal(health.Sensors, parsed.Value.Sensors);
        Assert.Equal(health with { Sensors = [] }, parsed.Value with { Sensors = [] });
    }

    [Fact]
    public void Health_of_a_gateway_that_never_published_round_trips_with_its_unknowns()
    {
        var health = new Health(1, "gw-1", DateTimeOffset.UnixEpoch, 5, 0, OldestUnsentAgeSeconds: null, 0, 0, LastPublish: null,
            [new SensorHealth("sht4x@1:0x44", "SHT4x", 0, 0)]);

        var parsed = WireFormat.ParseHealth(new ReadOnlySequence<byte>(WireFormat.Serialize(health)));

        Assert.True(parsed.Ok, parsed.Rejection?.ToString());
        Assert.Null(parsed.Value.LastPublish);
        Assert.Null(parsed.Value.CpuTemperature);
    }

    [Fact]
    public void A_site_round_trips_in_health_and_a_sound_one_has_no_problem()
    {
        var health = new Health(1, "gw-1", DateTimeOffset.UnixEpoch, 5, 0, null, 0, 0, null, [], Site: new Site("奥体中心", 39.99, 116.39));

        var parsed = WireFormat.ParseHealth(new ReadOnlySequence<byte>(WireFormat.Serialize(health)));

        Assert.True(parsed.Ok, parsed.Rejection?.ToString());
        Assert.Equal(health.Site, parsed.Value.Site);
        Assert.Null(parsed.Value.Site!.Problem());
        Assert.Null(new Site(null, -90, 180).Problem());
        var unknowns = health with { Site = new Site("名称", null, null) };
        Assert.Equal(unknowns.Site, WireFormat.ParseHealth(new ReadOnlySequence<byte>(WireFormat.Serialize(unknowns))).Value!.Site);
        Assert.Null(new Site("only a name", null, null).Problem());
    }

    [Theory]
    [InlineData(" ", null, null, "site name is blank")]
    [InlineData("a\nb", null, null, "site name contains a control character")]
    [InlineData("name", 39.9, null, "site position needs both latitude and longitude, or neither")]
    [InlineData("name", -90.5, 10.0, "site latitude -90.5 is not on Earth: -90..90")]
    [InlineData("name", 116.3, 39.9, "site latitude 116.3 is not on Earth: -90..90; latitude and longitude look swapped")]
    [InlineData("name", 39.9, 180.5, "site longitude 180.5 is not on Earth: -180..180")]
    public void A_site_s_problem_is_named(string name, double? latitude, double? longitude, string problem)
    {
        Assert.StartsWith(problem, new Site(name, latitude, longitude).Problem());
    }

    [Fact]
    public void A_site_name_longer_than_a_line_is_a_problem()
    {
        Assert.Equal($"site name is {Site.MaxNameLength + 1} characters long; at most {Site.MaxNameLength}",
            new Site(new string('站', Site.MaxNameLength + 1), null, null).Problem());
    }

    [Fact]
    public void Config_round_trips_and_rejects_silly_intervals()
    {
        var config = new DeviceConfig(1, 60, 5, ["bme280"], new Dictionary<string, int> { ["pms5003"] = 10 });
        var parsed = WireFormat.ParseDeviceConfig(new ReadOnlySequence<byte>(WireFormat.Serialize(config)));
        Assert.True(parsed.Ok);
        Assert.Equal(60, parsed.Value.ReportIntervalSeconds);
        Assert.Equal(10, parsed.Value.SensorSampleIntervals!["pms5003"]);

        var bad = WireFormat.ParseDeviceConfig(Bytes("""{"version":1,"reportIntervalSeconds":0}"""));
        Assert.Equal(RejectionKind.OutOfRange, bad.Rejection!.Kind);
        Assert.Contains("reportIntervalSeconds", bad.Rejection.Reason);
    }

    [Fact]
    public void Every_quantity_has_a_unique_wire_name_and_a_unit()
    {
        Assert.Equal(Enum.GetValues<Quantity>().Length, Quantities.All.Count);
        Assert.Equal(Quantities.All.Count, Quantities.All.Select(q => q.WireName).Distinct().Count());
        foreach (var q in Quantities.All)
        {
            Assert.True(Quantities.TryParse(q.WireName, out var info));
            Assert.Equal(q, info);
            Assert.True(q.Min < q.Max);
        }
    }
}
