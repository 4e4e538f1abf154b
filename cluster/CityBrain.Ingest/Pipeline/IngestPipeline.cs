using System.Buffers;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Grains.Devices;
using CityBrain.Ingest.Metrics;
using CityBrain.Storage.DeadLetters;
using Microsoft.Extensions.Logging;

namespace CityBrain.Ingest.Pipeline;

/// <summary>Turns one broker message into grain calls. For telemetry the outcome is final only once the device grain
/// journalled the report (the commit is synchronous) and applied it: the broker acknowledges the publish after that and
/// not before, so a crash anywhere loses nothing a gateway believes delivered.</summary>
public sealed class IngestPipeline(
    IGrainFactory grains,
    IDeadLetterStore deadLetters,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<IngestPipeline> logger,
    SiteCheck sites,
    IAcceptedReports? accepted = null)
{
    public async Task<IngestOutcome> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (!TopicAddress.TryParse(message.Topic, out var topic))
        {
            return await RejectAsync(message, new Rejection(RejectionKind.UnknownTopic,
                $"topic '{message.Topic}' is not citybrain/v1/{{district}}/{{device}}/{{telemetry|status|health|config}}"), cancellationToken);
        }
        try
        {
            return topic.Kind switch
            {
                TopicKind.Telemetry => await TelemetryAsync(topic, message, cancellationToken),
                TopicKind.Status => await StatusAsync(topic, message, cancellationToken),
                TopicKind.Health => await HealthAsync(topic, message, cancellationToken),
                _ => IngestOutcome.Accepted,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.Failed();
            logger.LogError(ex, "Ingest of {Topic} from {ClientId} failed; the sender will retry", message.Topic, message.ClientId);
            return new IngestOutcome(IngestStatus.Failed, "the cluster could not store the message now; retry");
        }
    }

    private async Task<IngestOutcome> TelemetryAsync(TopicAddress topic, InboundMessage message, CancellationToken cancellationToken)
    {
        metrics.Received();
        var parsed = WireFormat.ParseTelemetry(topic, message.Payload, time.GetUtcNow());
        if (!parsed.Ok) return await RejectAsync(message, parsed.Rejection, cancellationToken);
        var telemetry = parsed.Value;
        var batch = TelemetryBatch.From(topic.District, telemetry, message.ReceivedAt, message.Payload.ToArray());
        var outcome = await grains.GetGrain<IDeviceGrain>(topic.Device).Record(batch);
        if (outcome.Status == RecordStatus.Rejected)
        {
            return await RejectAsync(message, new Rejection(RejectionKind.Malformed, outcome.Reason ?? "refused by the device grain"), cancellationToken);
        }
        if (outcome.Status == RecordStatus.Duplicate)
        {
            metrics.Duplicate();
            return IngestOutcome.Duplicate;
        }
        metrics.Accepted(telemetry.Readings.Count);
        accepted?.Accepted(batch.ToJournal(topic.Device));
        return IngestOutcome.Accepted;
    }

    private async Task<IngestOutcome> StatusAsync(TopicAddress topic, InboundMessage message, CancellationToken cancellationToken)
    {
        var parsed = WireFormat.ParseStatus(message.Payload);
        if (!parsed.Ok) return await RejectAsync(message, parsed.Rejection, cancellationToken);
        await grains.GetGrain<IDeviceGrain>(topic.Device).SetStatus(topic.District, parsed.Value.State == DeviceState.Online, message.ReceivedAt);
        return IngestOutcome.Accepted;
    }

    private async Task<IngestOutcome> HealthAsync(TopicAddress topic, InboundMessage message, CancellationToken cancellationToken)
    {
        var parsed = WireFormat.ParseHealth(message.Payload);
        if (!parsed.Ok) return await RejectAsync(message, parsed.Rejection, cancellationToken);
        var site = parsed.Value.Site is { } announced ? sites.Check(topic.District, announced) : default;
        if (site.Refusal is not null) metrics.SiteRefused();
        await grains.GetGrain<IDeviceGrain>(topic.Device).SetHealth(topic.District, parsed.Value.ToGrain(site), message.ReceivedAt);
        return IngestOutcome.Accepted;
    }

    private async Task<IngestOutcome> RejectAsync(InboundMessage message, Rejection rejection, CancellationToken cancellationToken)
    {
        metrics.Rejected(rejection.Kind.ToString());
        logger.LogWarning("Rejected {Topic} from {ClientId}: {RejectionKind}: {Reason}", message.Topic, message.ClientId, rejection.Kind, rejection.Reason);
        await deadLetters.AddAsync(new DeadLetter(message.ReceivedAt, message.ClientId, message.Topic, rejection.Kind.ToString(),
            rejection.Reason, message.Payload.ToArray()), cancellationToken);
        return new IngestOutcome(IngestStatus.Rejected, rejection.Reason);
    }
}
