using CityBrain.Edge.Health;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>The outbox side of the health of a gateway without an outbox (the direct and shared uplinks): nothing ever
/// waits, and a report made while the link is down is dropped, as such a gateway would drop it. Only the gateway's own
/// reports count; what a fault injector sends (broken payloads, resends, foreign topics) would not be in an outbox.</summary>
internal sealed class NoOutboxTally(TimeProvider time)
{
    private long _delivered;
    private long _dropped;
    private long _refused;
    private DateTimeOffset? _lastPublish;

    public void Record(OutgoingMessage message, DeliveryOutcome outcome)
    {
        if (message.Kind is not (MessageKind.Report or MessageKind.Skewed or MessageKind.Backfill)) return;
        switch (outcome.Status)
        {
            case DeliveryStatus.Acknowledged:
                Interlocked.Increment(ref _delivered);
                _lastPublish = time.GetUtcNow();
                break;
            case DeliveryStatus.Refused:
                Interlocked.Increment(ref _refused);
                break;
            default:
                Interlocked.Increment(ref _dropped);
                break;
        }
    }

    public OutboxSnapshot Snapshot(long nextSequence) =>
        new(Depth: 0, OldestUnsentAgeSeconds: null, Thinned: 0, _dropped, _refused, _delivered, _lastPublish, nextSequence, FileBytes: 0, BudgetBytes: 0);
}
