using CityBrain.Ingest.Broker;

namespace CityBrain.Ingest.Tests.Broker;

public class ClientIdentityTests
{
    private static readonly ClientIdentity Provisioned = ClientIdentity.Device("gw-1", "haidian");
    private static readonly ClientIdentity Simulated = ClientIdentity.Device("gw-1", null);

    [Theory]
    [InlineData("citybrain/v1/haidian/gw-1/telemetry", true)]
    [InlineData("citybrain/v1/haidian/gw-1/status", true)]
    [InlineData("citybrain/v1/haidian/gw-1/health", true)]
    [InlineData("citybrain/v1/haidian/gw-1/config", false)]
    [InlineData("citybrain/v1/haidian/gw-2/telemetry", false)]
    [InlineData("citybrain/v1/haidian/gw-10/telemetry", false)]
    [InlineData("citybrain/v1/chaoyang/gw-1/telemetry", false)]
    [InlineData("citybrain/v1/haidian/gw-1/telemetry/x", false)]
    [InlineData("elsewhere/gw-1", false)]
    public void A_provisioned_device_publishes_only_under_its_own_district_and_id(string topic, bool allowed) =>
        Assert.Equal(allowed, Provisioned.MayPublish(topic));

    [Theory]
    [InlineData("citybrain/v1/haidain/gw-1/telemetry", "device gw-1 belongs to district haidian, not haidain")]
    [InlineData("citybrain/v1/haidian/gw-2/telemetry", "this connection is device gw-1, not gw-2")]
    [InlineData("citybrain/v1/haidian/gw-1/config", "device gw-1 may not publish its own configuration (the cluster does)")]
    [InlineData("elsewhere/gw-1", "'elsewhere/gw-1' is not a device topic (citybrain/v1/{district}/{device}/telemetry, status or health)")]
    public void A_refused_publish_names_the_part_that_is_wrong(string topic, string reason) =>
        Assert.Equal(reason, Provisioned.PublishRefusal(topic));

    [Theory]
    [InlineData("citybrain/v1/haidain/gw-1/config", "device gw-1 belongs to district haidian, not haidain")]
    [InlineData("citybrain/v1/haidian/gw-1/telemetry", "device gw-1 may subscribe only to its own configuration topic")]
    public void A_refused_subscription_names_the_part_that_is_wrong(string filter, string reason) =>
        Assert.Equal(reason, Provisioned.SubscribeRefusal(filter));

    [Fact]
    public void A_simulated_device_may_report_from_any_district_but_only_as_itself()
    {
        Assert.True(Simulated.MayPublish("citybrain/v1/chaoyang/gw-1/telemetry"));
        Assert.False(Simulated.MayPublish("citybrain/v1/chaoyang/gw-2/telemetry"));
    }

    [Theory]
    [InlineData("citybrain/v1/haidian/gw-1/config", true)]
    [InlineData("citybrain/v1/haidian/gw-2/config", false)]
    [InlineData("citybrain/v1/+/+/telemetry", false)]
    [InlineData("#", false)]
    public void A_device_subscribes_only_to_its_own_configuration(string filter, bool allowed) =>
        Assert.Equal(allowed, Provisioned.MaySubscribe(filter));

    [Fact]
    public void A_service_account_may_use_any_citybrain_topic_but_nothing_else()
    {
        var bench = ClientIdentity.Service("bench");
        Assert.True(bench.MayPublish("citybrain/v1/haidian/gw-9/telemetry"));
        Assert.True(bench.MaySubscribe("citybrain/v1/+/+/telemetry"));
        Assert.False(bench.MayPublish("other/topic"));
    }
}
