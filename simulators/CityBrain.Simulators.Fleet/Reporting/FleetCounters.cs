using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Reporting;

/// <summary>What the fleet did so far, by message kind and outcome, for the progress line and the final summary.
/// Lock-free: ten thousand gateways count into it concurrently.</summary>
public sealed class FleetCounters
{
    private static readonly int Kinds = Enum.GetValues<MessageKind>().Length;
    private static readonly int Statuses = Enum.GetValues<DeliveryStatus>().Length;

    private readonly long[] _messages = new long[Kinds * Statuses];
    private long _online;
    private long _connects;
    private long _connectFailures;
    private long _drops;
    private long _bytes;
    private string? _lastProblem;

    public void Connected()
    {
        Interlocked.Increment(ref _online);
        Interlocked.Increment(ref _connects);
    }

    public void Disconnected() => Interlocked.Decrement(ref _online);

    public void ConnectFailed(string reason)
    {
        Interlocked.Increment(ref _connectFailures);
        _lastProblem = reason;
    }

    /// <summary>A gateway lost its link on purpose (an offline fault).</summary>
    public void Dropped() => Interlocked.Increment(ref _drops);

    public void Delivered(OutgoingMessage message, DeliveryOutcome outcome)
    {
        Interlocked.Increment(ref _messages[(int)message.Kind * Statuses + (int)outcome.Status]);
        if (outcome.Status == DeliveryStatus.Acknowledged) Interlocked.Add(ref _bytes, message.Payload.Length);
        // A refused honest report is news; a refused corrupt payload is the cluster doing its job, and a report not sent
        // for want of a connection repeats the connection's own problem.
        if (outcome.Status is DeliveryStatus.Refused or DeliveryStatus.Failed && message.Kind is MessageKind.Report or MessageKind.Duplicate)
        {
            _lastProblem = $"{message.Kind.ToString().ToLowerInvariant()} {outcome.Status.ToString().ToLowerInvariant()}: {outcome.Reason}";
        }
    }

    public FleetSnapshot Snapshot()
    {
        var counts = new long[Kinds, Statuses];
        for (var k = 0; k < Kinds; k++)
        {
            for (var s = 0; s < Statuses; s++) counts[k, s] = Interlocked.Read(ref _messages[k * Statuses + s]);
        }
        return new FleetSnapshot(Interlocked.Read(ref _online), Interlocked.Read(ref _connects), Interlocked.Read(ref _connectFailures),
            Interlocked.Read(ref _drops), Interlocked.Read(ref _bytes), counts, _lastProblem);
    }
}

/// <summary>The counters at one moment.</summary>
public sealed record FleetSnapshot(
    long GatewaysOnline, long Connects, long ConnectFailures, long Drops, long AcknowledgedBytes, long[,] Messages, string? LastProblem)
{
    public long Count(MessageKind kind, DeliveryStatus status) => Messages[(int)kind, (int)status];

    public long Count(MessageKind kind) => Enum.GetValues<DeliveryStatus>().Sum(s => Count(kind, s));

    public long Count(DeliveryStatus status) => Enum.GetValues<MessageKind>().Sum(k => Count(k, status));

    /// <summary>Every publish the broker answered or that was lost on the way.</summary>
    public long Published => Enum.GetValues<MessageKind>().Sum(k => Count(k) - Count(k, DeliveryStatus.NotSent));

    /// <summary>Problems that are not the expected result of an injected fault: honest reports or duplicates that were
    /// refused or lost, and failed connections.</summary>
    public long Errors => ConnectFailures
        + Count(MessageKind.Report, DeliveryStatus.Refused) + Count(MessageKind.Report, DeliveryStatus.Failed)
        + Count(MessageKind.Duplicate, DeliveryStatus.Refused) + Count(MessageKind.Duplicate, DeliveryStatus.Failed);
}
