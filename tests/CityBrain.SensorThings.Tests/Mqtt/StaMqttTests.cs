using System.Text;
using System.Text.Json;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Ingest.Metrics;
using CityBrain.Storage.DeadLetters;
using CityBrain.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.SensorThings.Tests.Mqtt;

/// <summary>The MQTT extension against the real host: real readers with API tokens, real devices publishing reports.</summary>
public sealed class StaMqttTests(StaMqttFixture fixture) : IClassFixture<StaMqttFixture>
{
    private RunningHost Host => fixture.Host;

    private static string Topic(string datastream) => $"v1.1/Datastreams('{datastream}')/Observations";

    [Fact]
    public async Task A_reader_receives_each_accepted_observation_of_its_datastream_once_and_nothing_refused()
    {
        await using var reader = await fixture.ReaderAsync(fixture.ViewerToken, "Reader:accepted");
        var granted = await reader.SubscribeAsync(Topic("device:mq-obs:pm2_5"));
        await using var device = await Host.ConnectDeviceAsync("haidian", "mq-obs");
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);

        var first = await device.PublishAsync(7, start, TestDevice.Value(Quantity.Pm2_5, 12.5), TestDevice.Value(Quantity.No2, 30));
        var message = await reader.NextAsync("the first report's pm2_5 Observation");
        // A duplicate and a rejected report are acknowledged or refused, never published: the next message is report 8's.
        var duplicate = await device.PublishAsync(7, start, TestDevice.Value(Quantity.Pm2_5, 12.5), TestDevice.Value(Quantity.No2, 30));
        var rejected = await device.PublishRawAsync("citybrain/v1/haidian/mq-obs/telemetry", Encoding.UTF8.GetBytes("{\"not\":\"telemetry\"}"));
        await device.PublishAsync(8, start.AddMinutes(1), TestDevice.Value(Quantity.Pm2_5, 14));
        var next = await reader.NextAsync("the second report's pm2_5 Observation");

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, granted.ResultCode);
        Assert.True(first.IsSuccess && duplicate.IsSuccess && !rejected.IsSuccess);
        Assert.Equal(Topic("device:mq-obs:pm2_5"), message.Topic);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, message.QualityOfServiceLevel);
        var json = JsonDocument.Parse(message.ConvertPayloadToString()).RootElement;
        Assert.Equal("device:mq-obs:pm2_5:7", json.GetProperty("@iot.id").GetString());
        Assert.Equal($"{Host.BaseAddress}sta/v1.1/Observations('device:mq-obs:pm2_5:7')", json.GetProperty("@iot.selfLink").GetString());
        Assert.Equal(12.5, json.GetProperty("result").GetDouble());
        Assert.Equal($"{Iso(start)}/{Iso(start.AddSeconds(60))}", json.GetProperty("phenomenonTime").GetString());
        Assert.Equal(Iso(start.AddSeconds(60)), json.GetProperty("resultTime").GetString());
        // Exactly what the HTTP API answers for the same Observation.
        Assert.Equal(await Host.Http.GetStringAsync("/sta/v1.1/Observations('device:mq-obs:pm2_5:7')"), message.ConvertPayloadToString());
        Assert.Equal("device:mq-obs:pm2_5:8", JsonDocument.Parse(next.ConvertPayloadToString()).RootElement.GetProperty("@iot.id").GetString());
    }

    [Fact]
    public async Task A_reader_may_not_publish_and_each_refusal_is_counted_and_kept_with_the_rejections()
    {
        await using var reader = await fixture.ReaderAsync(fixture.ViewerToken, "Reader:publisher");
        var refusedBefore = Host.Service<IngestMetrics>().Snapshot().RefusedByAcl;

        var onOpenData = await reader.PublishAsync(Topic("device:mq-pub:pm2_5"), "{}");
        var onTelemetry = await reader.PublishAsync("citybrain/v1/haidian/mq-pub/telemetry", "{}");

        Assert.Equal((MqttClientPublishReasonCode.NotAuthorized, MqttClientPublishReasonCode.NotAuthorized), (onOpenData.ReasonCode, onTelemetry.ReasonCode));
        Assert.Contains("never publish", onOpenData.ReasonString);
        Assert.Equal(refusedBefore + 2, Host.Service<IngestMetrics>().Snapshot().RefusedByAcl);
        var kept = await Host.Service<IDeadLetterStore>().LatestAsync(50);
        Assert.Equal(2, kept.Count(d => d.ClientId == "Reader:publisher" && d.Kind == "NotAuthorized"));
    }

    [Theory]
    [InlineData("#", "only under v1.1/")]
    [InlineData("citybrain/v1/haidian/mq-sub/telemetry", "only under v1.1/")]
    [InlineData("v1.1/Datastreams('district:haidian:aqi:hour')/Observations", "not published live")]
    [InlineData("v1.1/Things('device:mq-sub')", "not published here")]
    [InlineData("v1.1/Datastreams(device:mq-sub:pm2_5)/Observations", "not a Datastream id")]
    [InlineData("v1.1/Datastreams('device:mq-sub:pm2_5')/Observations?$select=result", "query options")]
    public async Task A_subscription_to_what_is_not_published_for_readers_is_refused_with_a_reason(string filter, string reason)
    {
        await using var reader = await fixture.ReaderAsync(fixture.ViewerToken, "Reader:subscriber");

        var result = await reader.SubscribeAsync(filter);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result.ResultCode);
        Assert.Contains(reason, result.ReasonString);
    }

    [Fact]
    public async Task A_signed_in_reader_may_subscribe_to_every_raw_datastream_at_once()
    {
        await using var reader = await fixture.ReaderAsync(fixture.ViewerToken, "Reader:wildcard");

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, (await reader.SubscribeAsync("v1.1/#")).ResultCode);
    }

    [Fact]
    public async Task Logins_without_a_valid_token_or_with_a_client_id_a_device_could_have_are_refused()
    {
        var (revoked, id) = await fixture.CreateTokenWithIdAsync("revoked-bureau", "viewer");
        (await Host.Http.DeleteAsync($"/api/tokens/{id}")).EnsureSuccessStatusCode();

        var anonymous = await ConnectAsync("Reader:anonymous", null, null);
        var unknown = await ConnectAsync("Reader:unknown", "token", "cbt_not-a-token");
        var wasRevoked = await ConnectAsync("Reader:revoked", "token", revoked);
        var deviceLike = await ConnectAsync("mq-dev-like", "token", fixture.ViewerToken);

        // Raw device data is not public by default, so nobody reads it without a token.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, anonymous.ResultCode);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, unknown.ResultCode);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wasRevoked.ResultCode);
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, deviceLike.ResultCode);
        Assert.Contains("must not look like a device id", deviceLike.ReasonString);
    }

    [Fact]
    public async Task Devices_still_cannot_subscribe_to_the_open_data_and_still_get_their_configuration()
    {
        await using var device = new MqttReader();
        await device.ConnectAsync(Host.MqttPort, "mq-device", "mq-device", DerivedPassword.For(RunningHost.FleetSecret, "mq-device"));

        var all = await device.SubscribeAsync("v1.1/#");
        var one = await device.SubscribeAsync(Topic("device:mq-device:pm2_5"));
        var config = await device.SubscribeAsync("citybrain/v1/haidian/mq-device/config");

        Assert.Equal((MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.NotAuthorized), (all.ResultCode, one.ResultCode));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, config.ResultCode);
    }

    private async Task<MqttClientConnectResult> ConnectAsync(string clientId, string? userName, string? password)
    {
        await using var reader = new MqttReader();
        return await reader.ConnectAsync(Host.MqttPort, clientId, userName, password);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
