using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Reporting;

/// <summary>What the fleet did so far, by message kind and outcome, for the progress line and the final summary.
/// Lock-free: ten thousand gateways count into it concurrently.</summary>
public sealed class FleetCounters
{
    private static readonly int Kinds = Enum.GetValues<MessageKind>().Length;
    private static readonly int Statuses = Enum.GetValues<DeliveryStatus>().Length;

    private readonly long[] _messages = new long[Kinds * Statuses];
    private long _linkProblems;
    private long _drops;
    private long _bytes;
    private long _refusalsObserved;
    private string? _lastProblem;

    /// <summary>A connection attempt failed, or a report fell due while the link was down outside an injected outage.</summary>
    public void LinkProblem(string reason)
    {
        Interlocked.Increment(ref _linkProblems);
        _lastProblem = reason;
    }

    /// <summary>Refusals a gateway saw without the simulator seeing which report they concerned (the edge gateway's
    /// pump sets refused reports aside and only counts them).</summary>
    public void RefusalsObserved(long count) => Interlocked.Add(ref _refusalsObserved, count);

    /// <summary>A gateway lost its link on purpose (an offline fault).</summary>
    public void Dropped() => Interlocked.Increment(ref _drops);

    public void Delivered(MessageKind kind, DeliveryOutcome outcome, int payloadBytes)
    {
        Interlocked.Increment(ref _messages[(int)kind * Statuses + (int)outcome.Status]);
        if (outcome.Status == DeliveryStatus.Acknowledged) Interlocked.Add(ref _bytes, payloadBytes);
        // A refused honest report is news; a refused corrupt payload is the cluster doing its job, and a report not sent
        // for want of a connection repeats the connection's own problem.
        if (outcome.Status is DeliveryStatus.Refused or DeliveryStatus.Failed && kind is MessageKind.Report or MessageKind.Duplicate)
        {
            _lastProblem = $"{kind.ToString().ToLowerInvariant()} {outcome.Status.ToString().ToLowerInvariant()}: {outcome.Reason}";
        }
    }

    public FleetSnapshot Snapshot()
    {
        var counts = new long[Kinds, Statuses];
        for (var k = 0; k < Kinds; k++)
        {
            for (var s = 0; s < Statuses; s++) counts[k, s] = Interlocked.Read(ref _messages[k * Statuses + s]);
        }
        return new FleetSnapshot(Interlocked.Read(ref _linkProblems), Interlocked.Read(ref _drops), Interlocked.Read(ref _bytes),
            Interlocked.Read(ref _refusalsObserved), counts, _lastProblem);
    }
}

/// <summary>The counters at one moment.</summary>
/// <param name="RefusalsObserved">Refusals counted by the gateways themselves, to compare with the messages that had
/// to be refused (<see cref="DeliveryStatus.Refused"/> of corrupt and far-future reports sent through an outbox).</param>
public sealed record FleetSnapshot(long LinkProblems, long Drops, long AcknowledgedBytes, long RefusalsObserved, long[,] Messages, string? LastProblem)
{
    public long Count(MessageKind kind, DeliveryStatus status) => Messages[(int)kind, (int)status];

    public long Count(MessageKind kind) => Enum.GetValues<DeliveryStatus>().Sum(s => Count(kind, s));

    public long Count(DeliveryStatus status) => Enum.GetValues<MessageKind>().Sum(k => Count(k, status));

    /// <summary>Every publish the broker answered or that was lost on the way.</summary>
    public long Published => Enum.GetValues<MessageKind>().Sum(k => Count(k) - Count(k, DeliveryStatus.NotSent));

    /// <summary>Problems that are not the expected result of an injected fault: honest reports or duplicates that were
    /// refused or lost, and link problems.</summary>
    public long Errors => LinkProblems
        + Count(MessageKind.Report, DeliveryStatus.Refused) + Count(MessageKind.Report, DeliveryStatus.Failed)
        + Count(MessageKind.Duplicate, DeliveryStatus.Refused) + Count(MessageKind.Duplicate, DeliveryStatus.Failed);
}
