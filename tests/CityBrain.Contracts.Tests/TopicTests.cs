using CityBrain.Contracts.Topics;

namespace CityBrain.Contracts.Tests;

public class TopicTests
{
    [Theory]
    [InlineData(TopicKind.Telemetry, "citybrain/v1/haidian/gw-0001/telemetry")]
    [InlineData(TopicKind.Status, "citybrain/v1/haidian/gw-0001/status")]
    [InlineData(TopicKind.Health, "citybrain/v1/haidian/gw-0001/health")]
    [InlineData(TopicKind.Config, "citybrain/v1/haidian/gw-0001/config")]
    public void Build_and_parse_round_trip(TopicKind kind, string topic)
    {
        Assert.Equal(topic, TopicAddress.Build("haidian", "gw-0001", kind));
        Assert.True(TopicAddress.TryParse(topic, out var address));
        Assert.Equal(new TopicAddress("haidian", "gw-0001", kind), address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("citybrain/v2/haidian/gw/telemetry")]
    [InlineData("citybrain/v1/haidian/gw/telemetry/extra")]
    [InlineData("citybrain/v1/haidian/telemetry")]
    [InlineData("citybrain/v1/Haidian/gw/telemetry")]
    [InlineData("citybrain/v1/haidian/gw/alarm")]
    [InlineData("citybrain/v1/+/gw/telemetry")]
    public void Foreign_topics_do_not_parse(string? topic) => Assert.False(TopicAddress.TryParse(topic, out _));

    [Fact]
    public void Building_with_a_wildcard_id_fails_naming_the_id()
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicAddress.Build("haidian", "gw/#", TopicKind.Telemetry));
        Assert.Contains("gw/#", ex.Message);
    }

    [Fact]
    public void Device_prefix_covers_all_of_a_devices_topics()
    {
        var prefix = TopicAddress.DevicePrefix("haidian", "gw-1");
        foreach (var kind in Enum.GetValues<TopicKind>())
        {
            Assert.StartsWith(prefix, TopicAddress.Build("haidian", "gw-1", kind));
        }
        Assert.False(TopicAddress.Build("haidian", "gw-10", TopicKind.Telemetry).StartsWith(prefix, StringComparison.Ordinal));
    }
}
