using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Publishing;

/// <summary>Drains the outbox oldest first with a bounded number of QoS 1 publishes in flight, deleting each report
/// only after its PUBACK. After an outage the backlog goes out at full speed while new reports keep being committed
/// behind it.</summary>
public sealed class OutboxPump(SqliteOutbox outbox, MqttLink link, string telemetryTopic, TimeProvider time, ILogger<OutboxPump> logger)
{
    public const int MaxInFlight = 32;
    private readonly SemaphoreSlim _wake = new(0);

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Reports the cluster refused for good (bad payload, not authorised): set aside, not retried forever.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public DateTimeOffset? LastPublish { get; private set; }

    private long _delivered, _refused;

    /// <summary>Called after a report is committed, so it goes out without waiting for the next poll.</summary>
    public void Notify() => _wake.Release();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = link.IsConnected ? await outbox.OldestAsync(MaxInFlight, stoppingToken) : [];
            if (batch.Count == 0)
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(500), stoppingToken);
                continue;
            }
            var outcomes = await Task.WhenAll(batch.Select(entry => SendAsync(entry, stoppingToken)));
            if (outcomes.Contains(false)) await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
    }

    /// <summary>True when the entry left the outbox (delivered or refused for good); false when it must be retried.</summary>
    private async Task<bool> SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        MqttClientPublishResult result;
        try
        {
            result = await link.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(telemetryTopic)
                .WithPayload(entry.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            // Cut off mid-flight: the report stays; the cluster drops the duplicate if it did arrive.
            return false;
        }
        if (result.IsSuccess)
        {
            await outbox.DeleteAsync(entry.Sequence, cancellationToken);
            Interlocked.Increment(ref _delivered);
            LastPublish = time.GetUtcNow();
            return true;
        }
        if (IsPermanent(result.ReasonCode))
        {
            logger.LogError("Cluster refused report {Sequence} for good ({ReasonCode}: {Reason}); setting it aside",
                entry.Sequence, result.ReasonCode, result.ReasonString);
            await outbox.SetAsideAsync(entry.Sequence, $"{result.ReasonCode}: {result.ReasonString}", cancellationToken);
            Interlocked.Increment(ref _refused);
            return true;
        }
        logger.LogWarning("Cluster could not take report {Sequence} now ({ReasonCode}); will retry", entry.Sequence, result.ReasonCode);
        return false;
    }

    private static bool IsPermanent(MqttClientPublishReasonCode code) => code is
        MqttClientPublishReasonCode.PayloadFormatInvalid or MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid;
}
