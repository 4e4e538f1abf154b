using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Testing;

/// <summary>A bare MQTT 5 client speaking the wire contract, for tests that need to send exactly one chosen message.</summary>
public sealed class TestDevice(int port, string district, string deviceId, string fleetSecret) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string DeviceId => deviceId;

    /// <summary>Completes when the connection ends after having been made (the broker closed it, or the client did).</summary>
    public Task<MqttClientDisconnectedEventArgs> Disconnected => _disconnected.Task;

    public async Task<MqttClientConnectResult> ConnectAsync(string? password = null, string? clientId = null)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? deviceId)
            .WithCredentials(deviceId, password ?? DerivedPassword.For(fleetSecret, deviceId))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build();
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected) _disconnected.TrySetResult(e);
            return Task.CompletedTask;
        };
        return await _client.ConnectAsync(options);
    }

    public Task<MqttClientPublishResult> PublishAsync(long sequence, DateTimeOffset windowStart, params Reading[] readings) =>
        PublishRawAsync(TopicAddress.Build(district, deviceId, TopicKind.Telemetry),
            WireFormat.Serialize(new Telemetry(1, deviceId, sequence, windowStart, 60, readings)));

    public Task<MqttClientPublishResult> PublishRawAsync(string topic, byte[] payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>A health report as a gateway without sensors sends it, announcing <paramref name="site"/>.</summary>
    public Task<MqttClientPublishResult> PublishHealthAsync(Site? site) =>
        PublishRawAsync(TopicAddress.Build(district, deviceId, TopicKind.Health), WireFormat.Serialize(new Health(
            Telemetry.CurrentVersion, deviceId, DateTimeOffset.UtcNow, 60, 0, null, 0, 0, null, [], Site: site)));

    public static Reading Value(Quantity quantity, double value) => Reading.Of(quantity, value, Quality.Ok, "test-sensor");

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
