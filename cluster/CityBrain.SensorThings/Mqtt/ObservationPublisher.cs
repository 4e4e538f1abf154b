using CityBrain.Contracts.Journal;
using CityBrain.Ingest.Broker;
using CityBrain.SensorThings.Json;
using CityBrain.SensorThings.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.SensorThings.Mqtt;

/// <summary>Publishes each Observation of every accepted report on its Datastream's topic, as the HTTP API writes
/// it. Ingest only hands the report over (<see cref="AcceptedReportQueue"/>); this drains it in the background, so a
/// burst or a stuck subscriber costs readers messages, never devices their acknowledgements.</summary>
public sealed partial class ObservationPublisher(
    AcceptedReportQueue queue,
    EmbeddedBroker broker,
    IOptions<StaMqttOptions> options,
    StaMqttMetrics metrics,
    TimeProvider time,
    ILogger<ObservationPublisher> logger) : BackgroundService
{
    private readonly StormLog _failures = new(time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var report in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await PublishAsync(report);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.Failed();
                if (_failures.ShouldLog(out var count)) LogFailed(ex, count, report.DeviceId, report.Sequence);
            }
        }
    }

    private async Task PublishAsync(JournalEntry report)
    {
        if (!StaObservations.TryRead(report, out var telemetry)) throw new InvalidDataException("the journalled payload is not a telemetry report");
        var root = options.Value.ServiceRoot!;
        foreach (var reading in telemetry.Readings)
        {
            var observation = StaObservations.FromReading(telemetry, reading);
            // QoS 1 as published; each reader gets it at the QoS it subscribed with, at most this. Not retained: the
            // latest value is a GET away, and a retained message would outlive a revoked reader's access.
            await broker.InjectAsync(new MqttApplicationMessageBuilder()
                .WithTopic(StaTopics.Observations(StaObservations.RawDatastreamId(telemetry.DeviceId, reading.Quantity)))
                .WithPayload(StaJsonWriter.Serialize(observation, root))
                .WithContentType("application/json")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            metrics.Published();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not publish {Count} accepted report(s) to MQTT readers in the last minute, the latest {DeviceId} #{Sequence}")]
    private partial void LogFailed(Exception exception, long count, string deviceId, long sequence);
}
