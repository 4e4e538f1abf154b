using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>One simulated gateway: at the end of every report window (plus its own phase, so that a fleet does not
/// report in one burst) it measures, lets its faults act, and hands the result to its uplink. An offline fault cuts the
/// link at the first report inside the outage and restores it at the first report after. After a report, when its
/// health interval has passed and the link is up, it publishes its health, as a gateway's health reporter does.</summary>
/// <param name="phase">Delay after each window's end before reporting it, in [0, report interval).</param>
/// <param name="healthInterval">How often it publishes its health.</param>
/// <param name="history">The history it sends once online, before its first live report; none when null.</param>
public sealed class SimulatedGateway(
    GatewaySite site,
    IReadOnlyList<ActiveFault> faults,
    ReportComposer composer,
    IGatewayUplink uplink,
    TimeProvider time,
    TimeSpan phase,
    TimeSpan healthInterval,
    GatewayHistory? history = null)
{
    public GatewaySite Site => site;

    /// <summary>Reports every window from the one containing <paramref name="from"/> to the last that ends by
    /// <paramref name="until"/> (or until cancelled), then closes its uplink (a goodbye, unless an outage is still on).
    /// A gateway started late, as in a large fleet that connects gradually, or held up by sending its history, first
    /// reports the windows it missed.</summary>
    public async Task RunAsync(DateTimeOffset from, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var interval = composer.ReportInterval;
        var window = composer.Align(from);
        var health = new GatewayHealth(site, healthInterval, time.GetUtcNow());
        var offline = IsOffline(time.GetUtcNow());
        if (offline) await uplink.DropAsync();
        else await uplink.OpenAsync(cancellationToken);
        try
        {
            if (history is not null) await history.SendAsync(site, uplink, !offline, cancellationToken);
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
                var messages = composer.Compose(site, faults, window);
                health.Observe(messages[0].Report);
                foreach (var message in messages)
                {
                    await uplink.DeliverAsync(message, cancellationToken);
                }
                if (!offline && health.IsDue(due)) await health.PublishAsync(uplink, due, ActiveFault.ClockSkew(faults, due), cancellationToken);
                window = windowEnd;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of a run without an end.
        }
        await uplink.CloseAsync(CancellationToken.None);
    }

    private bool IsOffline(DateTimeOffset at) => faults.Any(f => f.Fault.Kind == FaultKind.Offline && f.Covers(at));
}
