using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>One simulated gateway: at the end of every report window (plus its own phase, so that a fleet does not
/// report in one burst) it measures, lets its faults act, and hands the result to its uplink. An offline fault cuts the
/// link at the first report inside the outage and restores it at the first report after.</summary>
/// <param name="firstSequence">Sequence numbers count up from here, one per report window.</param>
/// <param name="phase">Delay after each window's end before reporting it, in [0, report interval).</param>
public sealed class SimulatedGateway(
    GatewaySite site,
    IReadOnlyList<ActiveFault> faults,
    ReportComposer composer,
    IGatewayUplink uplink,
    TimeProvider time,
    long firstSequence,
    TimeSpan phase)
{
    public GatewaySite Site => site;

    /// <summary>Reports every window that ends by <paramref name="until"/> (or until cancelled), then says goodbye.</summary>
    public async Task RunAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var interval = composer.ReportInterval;
        var window = composer.Align(time.GetUtcNow());
        var sequence = firstSequence;
        var offline = IsOffline(time.GetUtcNow());
        if (!offline) await uplink.OpenAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var windowEnd = window + interval;
                if (windowEnd > until) break;
                var due = windowEnd + phase;
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
                if (IsOffline(due) != offline)
                {
                    offline = !offline;
                    if (offline) await uplink.DropAsync();
                    else await uplink.OpenAsync(cancellationToken);
                }
                foreach (var message in composer.Compose(site, faults, window, sequence++))
                {
                    await uplink.DeliverAsync(message, cancellationToken);
                }
                window = windowEnd;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of a run without an end.
        }
        if (!offline) await uplink.CloseAsync(CancellationToken.None);
    }

    private bool IsOffline(DateTimeOffset at) => faults.Any(f => f.Fault.Kind == FaultKind.Offline && f.Covers(at));
}
