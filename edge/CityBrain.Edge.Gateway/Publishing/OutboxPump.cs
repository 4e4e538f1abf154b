using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Timing;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Publishing;

/// <summary>Drains one device's outbox over its link: oldest first, up to <see cref="PumpOptions.MaxInFlight"/> QoS 1
/// publishes awaiting their PUBACK at once, each report deleted only once acknowledged. After an outage the backlog
/// goes out at full speed while new reports keep being committed behind it. A report the cluster refuses for good is
/// set aside; anything else is sent again, so delivery is at least once and the cluster drops duplicates by sequence.</summary>
public sealed class OutboxPump(DeviceOutbox outbox, MqttLink link, PumpOptions options, TimeProvider time, ILogger<OutboxPump> logger)
{
    private readonly WakeSignal _work = new(time);
    private long _delivered, _refused, _lastPublishTicks;

    /// <summary>Reports acknowledged since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Reports refused for good since start (the outbox keeps the total).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public DateTimeOffset? LastPublish => Interlocked.Read(ref _lastPublishTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>A report was committed: send it without waiting for the next look at the outbox.</summary>
    public void Notify() => _work.Set();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await link.WaitUntilConnectedAsync(stoppingToken);
                if (await DrainAsync(stoppingToken) == Trouble.Retry) await Task.Delay(options.RetryDelay, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends while the link is up and nothing needs a retry; then waits for every publish in flight, so the
    /// next round starts again from the oldest unacknowledged report.</summary>
    private async Task<Trouble> DrainAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        var round = new Round();
        var cursor = -1L;
        try
        {
            while (round.Trouble == Trouble.None && link.IsConnected)
            {
                var batch = await outbox.LeaseAsync(cursor, options.MaxInFlight, stoppingToken);
                if (batch.Count == 0)
                {
                    await _work.WaitAsync(options.IdlePoll, stoppingToken);
                    continue;
                }
                foreach (var entry in batch)
                {
                    await slots.WaitAsync(stoppingToken);
                    if (round.Trouble != Trouble.None)
                    {
                        slots.Release();
                        break;
                    }
                    cursor = entry.Sequence;
                    _ = SendAsync(entry, round, slots, stoppingToken);
                }
            }
        }
        finally
        {
            for (var i = 0; i < options.MaxInFlight; i++) await slots.WaitAsync(CancellationToken.None);
        }
        return round.Trouble;
    }

    private async Task SendAsync(OutboxEntry entry, Round round, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            var result = await link.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(link.TelemetryTopic)
                .WithPayload(entry.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), stoppingToken);
            // Queued before the slot is freed: the writer runs in order, so no later lease sees this report again.
            switch (Classify(result.ReasonCode))
            {
                case PubAck.Delivered:
                    Observe(outbox.AcknowledgeAsync(entry.Sequence, CancellationToken.None), entry);
                    Interlocked.Increment(ref _delivered);
                    Interlocked.Exchange(ref _lastPublishTicks, time.GetUtcNow().UtcTicks);
                    break;
                case PubAck.Permanent:
                    logger.LogError("The cluster refused report {Sequence} of {DeviceId} for good ({ReasonCode}: {Reason}); it is set aside",
                        entry.Sequence, outbox.DeviceId, result.ReasonCode, result.ReasonString);
                    Observe(outbox.SetAsideAsync(entry.Sequence, $"{result.ReasonCode}: {result.ReasonString}".TrimEnd(':', ' '), CancellationToken.None), entry);
                    Interlocked.Increment(ref _refused);
                    break;
                default:
                    logger.LogWarning("The cluster could not take report {Sequence} of {DeviceId} now ({ReasonCode}: {Reason}); it is sent again",
                        entry.Sequence, outbox.DeviceId, result.ReasonCode, result.ReasonString);
                    round.Report(Trouble.Retry);
                    break;
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Cut off in flight: the report stays and goes again after the reconnect; the cluster drops it if it did arrive.
            round.Report(Trouble.LinkLost);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Observe(Task write, OutboxEntry entry) =>
        write.ContinueWith(t => logger.LogError(t.Exception, "Outbox could not record the outcome of report {Sequence}; it will be sent again", entry.Sequence),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>MQTT 5 reason codes of a PUBACK: success (including "no matching subscribers"), a refusal that no resend
    /// will change, or trouble that passes.</summary>
    internal static PubAck Classify(MqttClientPublishReasonCode code) => code switch
    {
        MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers => PubAck.Delivered,
        MqttClientPublishReasonCode.PayloadFormatInvalid or MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid => PubAck.Permanent,
        _ => PubAck.Transient,
    };

    internal enum PubAck
    {
        Delivered,
        Permanent,
        Transient,
    }

    private enum Trouble
    {
        None,
        Retry,
        LinkLost,
    }

    /// <summary>What the publishes of one drain round ran into; the first trouble ends the round.</summary>
    private sealed class Round
    {
        private int _trouble;

        public Trouble Trouble => (Trouble)Volatile.Read(ref _trouble);

        public void Report(Trouble trouble) => Interlocked.CompareExchange(ref _trouble, (int)trouble, (int)Trouble.None);
    }
}
