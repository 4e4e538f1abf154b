using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.SensorThings.Tests.Mqtt;

/// <summary>A real MQTT 5 client as a reader of the open data would run it: connect with some credentials, subscribe,
/// and collect what arrives.</summary>
public sealed class MqttReader : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    public MqttReader() =>
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };

    public Task<MqttClientConnectResult> ConnectAsync(int port, string clientId, string? userName, string? password)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500);
        if (userName is not null) options.WithCredentials(userName, password);
        return _client.ConnectAsync(options.Build());
    }

    /// <summary>The broker's answer to one filter, with its reason (MQTT 5 carries one per SUBACK).</summary>
    public async Task<(MqttClientSubscribeResultCode ResultCode, string? ReasonString)> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return (result.Items.Single().ResultCode, result.ReasonString);
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>The next message, or a timeout naming what was awaited.</summary>
    public async Task<MqttApplicationMessage> NextAsync(string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"timed out waiting for {what}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
