using CityBrain.Simulators.Fleet.Reporting;
using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>The history each gateway of a run sends before it reports live (<see cref="FleetOptions.BackfillDays"/>):
/// the same windows for every gateway, at most <paramref name="concurrency"/> gateways at a time, so that the first ones
/// go live within seconds while the cluster takes the rest.</summary>
public sealed class GatewayHistory(BackfillPlan plan, ReportComposer composer, int concurrency, BackfillProgress progress) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(concurrency);

    public BackfillPlan Plan => plan;

    /// <summary>Sends <paramref name="site"/>'s history through its uplink and returns once the uplink has settled it;
    /// a gateway in an outage at the start sends none.</summary>
    public async Task SendAsync(GatewaySite site, IGatewayUplink uplink, bool online, CancellationToken cancellationToken)
    {
        try
        {
            if (!online || plan.Windows.Count == 0) return;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await uplink.BackfillAsync([.. plan.Windows.Select(w => composer.History(site, w))], cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            progress.GatewayDone();
        }
    }

    public void Dispose() => _gate.Dispose();
}
