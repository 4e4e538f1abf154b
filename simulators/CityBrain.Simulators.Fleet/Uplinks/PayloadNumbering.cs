namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>Sequence numbers for a gateway whose uplink has no outbox to allocate them: consecutive from the run's base
/// (see <see cref="FleetRun.SequenceBase"/>). A duplicate is the previous payload again, byte for byte.</summary>
internal sealed class PayloadNumbering(long first)
{
    private long _next = first;
    private byte[]? _last;

    /// <summary>The number the next report gets.</summary>
    public long Next => _next;

    public byte[] Payload(OutgoingMessage message)
    {
        if (message.Kind == MessageKind.Duplicate && _last is { } previous) return previous;
        return _last = message.Encode(_next++);
    }
}
