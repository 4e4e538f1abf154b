using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Reporting;

/// <summary>How the fleet's history went: completes once every gateway has sent its history (or had none to send).</summary>
public sealed class BackfillProgress
{
    private readonly TaskCompletionSource<BackfillResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FleetCounters _counters;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private readonly int _gateways;
    private int _remaining;

    public BackfillProgress(int gateways, FleetCounters counters, TimeProvider time)
    {
        _counters = counters;
        _time = time;
        _started = time.GetUtcNow();
        _gateways = _remaining = gateways;
        if (gateways == 0) Finish();
    }

    public Task<BackfillResult> Completion => _done.Task;

    /// <summary>One gateway is through with its history, whether it sent it, had one of its own or failed.</summary>
    public void GatewayDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0) Finish();
    }

    private void Finish()
    {
        var counts = _counters.Snapshot();
        _done.TrySetResult(new BackfillResult(_gateways, counts.Count(MessageKind.Backfill, DeliveryStatus.Acknowledged),
            counts.Count(MessageKind.Backfill) - counts.Count(MessageKind.Backfill, DeliveryStatus.Acknowledged), _time.GetUtcNow() - _started));
    }
}

/// <param name="Acknowledged">History reports the broker acknowledged: device-hours, and the part-hours before the first live window.</param>
/// <param name="Unacknowledged">History reports refused, lost or still in an outbox.</param>
public sealed record BackfillResult(int Gateways, long Acknowledged, long Unacknowledged, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Acknowledged / Elapsed.TotalSeconds : 0;
}
