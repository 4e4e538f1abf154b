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
            await outbox.DeleteAsync(outcomes.Where(o => o.Outcome == SendOutcome.Delivered).Select(o => o.Sequence).ToList(), stoppingToken);
            if (outcomes.Any(o => o.Outcome == SendOutcome.Retry)) await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
    }

    /// <summary>Delivered reports are deleted together after the round; a report refused for good is set aside at once.</summary>
    private async Task<(long Sequence, SendOutcome Outcome)> SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
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
            return (entry.Sequence, SendOutcome.Retry);
        }
        if (result.IsSuccess)
        {
            Interlocked.Increment(ref _delivered);
            LastPublish = time.GetUtcNow();
            return (entry.Sequence, SendOutcome.Delivered);
        }
        if (IsPermanent(result.ReasonCode))
        {
            logger.LogError("Cluster refused report {Sequence} for good ({ReasonCode}: {Reason}); setting it aside",
                entry.Sequence, result.ReasonCode, result.ReasonString);
            await outbox.SetAsideAsync(entry.Sequence, $"{result.ReasonCode}: {result.ReasonString}", cancellationToken);
            Interlocked.Increment(ref _refused);
            return (entry.Sequence, SendOutcome.SetAside);
        }
        logger.LogWarning("Cluster could not take report {Sequence} now ({ReasonCode}); will retry", entry.Sequence, result.ReasonCode);
        return (entry.Sequence, SendOutcome.Retry);
    }

    private static bool IsPermanent(MqttClientPublishReasonCode code) => code is
        MqttClientPublishReasonCode.PayloadFormatInvalid or MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid;

    private enum SendOutcome
    {
        Delivered,
        SetAside,
        Retry,
    }
}
