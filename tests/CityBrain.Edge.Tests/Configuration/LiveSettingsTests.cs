using System.Buffers;
using System.Text;
using CityBrain.Edge.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge.Tests.Configuration;

public class LiveSettingsTests
{
    private readonly GatewayOptions _options = new()
    {
        DataDirectory = Directory.CreateTempSubdirectory("citybrain-live-").FullName,
        ReportInterval = TimeSpan.FromMinutes(1),
        SampleInterval = TimeSpan.FromSeconds(5),
    };

    private LiveSettings Create() => new(Options.Create(_options), NullLogger<LiveSettings>.Instance);

    private static ReadOnlySequence<byte> Bytes(string json) => new(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Starts_from_the_appsettings_values()
    {
        var settings = Create();
        Assert.Equal(TimeSpan.FromMinutes(1), settings.ReportInterval);
        Assert.True(settings.IsEnabled("anything"));
    }

    [Fact]
    public void A_configuration_from_the_cluster_applies_and_survives_a_restart()
    {
        Assert.True(Create().Apply(Bytes("""{"version":1,"reportIntervalSeconds":30,"sampleIntervalSeconds":2,"enabledSensors":["sht4x@1:0x44"]}""")));

        var restarted = Create();

        Assert.Equal(TimeSpan.FromSeconds(30), restarted.ReportInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), restarted.SampleInterval);
        Assert.True(restarted.IsEnabled("sht4x@1:0x44"));
        Assert.False(restarted.IsEnabled("pms5003@ttyAMA0"));
    }

    [Theory]
    [InlineData("""{"version":1,"reportIntervalSeconds":0}""")]
    [InlineData("not json")]
    [InlineData("""{"version":9,"reportIntervalSeconds":30}""")]
    public void A_malformed_configuration_changes_nothing(string json)
    {
        var settings = Create();

        Assert.False(settings.Apply(Bytes(json)));

        Assert.Equal(TimeSpan.FromMinutes(1), settings.ReportInterval);
        Assert.False(File.Exists(Path.Combine(_options.DataDirectory, "device-config.json")));
    }
}
