using System.Buffers;
using System.Text;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge.Gateway.Tests.Configuration;

public sealed class LiveSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private LiveSettings Create() => new(Options.Create(new GatewayOptions
    {
        DataDirectory = _dir.Path,
        ReportInterval = TimeSpan.FromMinutes(1),
        SampleInterval = TimeSpan.FromSeconds(5),
    }), NullLogger<LiveSettings>.Instance);

    private static ReadOnlySequence<byte> Bytes(string json) => new(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Starts_from_the_local_configuration()
    {
        var settings = Create();

        Assert.Equal(TimeSpan.FromMinutes(1), settings.ReportInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.IntervalOf("any", configured: null));
        Assert.Equal(TimeSpan.FromSeconds(30), settings.IntervalOf("pms", configured: TimeSpan.FromSeconds(30)));
        Assert.True(settings.IsEnabled("anything"));
    }

    [Fact]
    public void A_configuration_from_the_cluster_applies_at_once_signals_the_samplers_and_survives_a_restart()
    {
        var settings = Create();
        var changed = settings.Changed;

        Assert.True(settings.Apply(Bytes("""{"version":1,"reportIntervalSeconds":30,"sampleIntervalSeconds":2,"enabledSensors":["sht4x@1:0x44"],"sensorSampleIntervals":{"sht4x@1:0x44":1}}""")));
        var restarted = Create();

        Assert.True(changed.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(30), restarted.ReportInterval);
        Assert.True(restarted.IsEnabled("sht4x@1:0x44"));
        Assert.False(restarted.IsEnabled("pms5003@ttyAMA0"));
        // The more specific setting wins; the cluster's wins at the same level.
        Assert.Equal(TimeSpan.FromSeconds(1), restarted.IntervalOf("sht4x@1:0x44", configured: TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(20), restarted.IntervalOf("pms", configured: TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(2), restarted.IntervalOf("pms", configured: null));
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
        Assert.False(File.Exists(Path.Combine(_dir.Path, LiveSettings.FileName)));
    }

    public void Dispose() => _dir.Dispose();
}
