using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Values;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>One simulated gateway on its own MQTT connection: birth and last will on its status topic, then a
/// telemetry report every interval. Its sequence number is the report window's index since the epoch, so it never
/// repeats, even across restarts of the simulator.</summary>
public sealed class SimulatedGateway(
    string deviceId,
    string district,
    int districtIndex,
    int deviceIndex,
    FleetOptions options,
    CityClimate climate,
    FleetCounters counters,
    TimeProvider time,
    ILogger logger)
{
    private readonly string _telemetryTopic = TopicAddress.Build(district, deviceId, TopicKind.Telemetry);
    private readonly string _statusTopic = TopicAddress.Build(district, deviceId, TopicKind.Status);

    public string DeviceId => deviceId;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConnectAsync(client, stoppingToken);
                backoff = TimeSpan.FromSeconds(1);
                await ReportLoopAsync(client, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
            {
                counters.Error();
                logger.LogDebug(ex, "Simulated gateway {DeviceId} lost its broker; retrying in {Backoff}", deviceId, backoff);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
        if (client.IsConnected)
        {
            // A clean goodbye discards the last will, so say offline ourselves first.
            await client.PublishAsync(Status(DeviceState.Offline), CancellationToken.None);
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
        }
    }

    private async Task ConnectAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var will = WireFormat.Serialize(new Status(1, deviceId, DeviceState.Offline));
        var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(options.BrokerHost, options.BrokerPort)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, DerivedPassword.For(options.FleetSecret, deviceId))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithWillTopic(_statusTopic).WithWillPayload(will).WithWillRetain().WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker refused simulated gateway {deviceId}: {result.ResultCode}");
        }
        await client.PublishAsync(Status(DeviceState.Online), cancellationToken);
    }

    private async Task ReportLoopAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        var interval = options.ReportInterval;
        counters.Connected();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var index = now.ToUnixTimeMilliseconds() / (long)interval.TotalMilliseconds;
                var windowStart = DateTimeOffset.FromUnixTimeMilliseconds(index * (long)interval.TotalMilliseconds) - interval;
                var result = await client.PublishAsync(Telemetry(index, windowStart), stoppingToken);
                if (result.IsSuccess) counters.Published();
                else counters.Refused(result.ReasonString);
                var next = DateTimeOffset.FromUnixTimeMilliseconds((index + 1) * (long)interval.TotalMilliseconds);
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken);
            }
        }
        finally
        {
            counters.Disconnected();
        }
    }

    private MqttApplicationMessage Telemetry(long sequence, DateTimeOffset windowStart)
    {
        var readings = CityClimate.Reported
            .Select(q => Reading.Of(q, climate.Value(q, districtIndex, deviceIndex, windowStart), Quality.Ok, $"sim-{q.WireName()}"))
            .ToList();
        return new MqttApplicationMessageBuilder()
            .WithTopic(_telemetryTopic)
            .WithPayload(WireFormat.Serialize(new Telemetry(1, deviceId, sequence, windowStart, (int)options.ReportInterval.TotalSeconds, readings)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
    }

    private MqttApplicationMessage Status(DeviceState state) => new MqttApplicationMessageBuilder()
        .WithTopic(_statusTopic)
        .WithPayload(WireFormat.Serialize(new Status(1, deviceId, state, time.GetUtcNow())))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag()
        .Build();
}
