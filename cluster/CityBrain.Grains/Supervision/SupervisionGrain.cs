using CityBrain.Grains.Districts;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.Alerts;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Desk;

namespace CityBrain.Grains.Supervision;

/// <summary>Hosts the tree's <see cref="CaseDesk"/>. Cases live in the case store, not in grain state, so a desk
/// activated on another silo after a crash reads them back from there; one activation at a time makes the desk the one
/// writer the lifecycle needs.</summary>
public sealed class SupervisionGrain(CaseDesk desk, RegionCatalog catalog) : Grain, ISupervisionGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        this.GetPrimaryKeyString() == catalog.Root.Id
            ? Task.CompletedTask
            : throw new InvalidOperationException($"the supervision desk is keyed by the root region '{catalog.Root.Id}', not '{this.GetPrimaryKeyString()}'");

    public async Task Review()
    {
        await desk.ObserveAsync(await AlertsAsync());
        await desk.ReviewAsync();
    }

    public Task<CaseOutcome> Act(long caseId, CaseCommand command) => desk.ActAsync(caseId, command);

    private async Task<IReadOnlyList<Alert>> AlertsAsync() => catalog.IsDistrict(catalog.Root.Id)
        ? (await GrainFactory.GetGrain<IDistrictGrain>(catalog.Root.Id).GetDetail()).Snapshot.Indicators.Alerts
        : (await GrainFactory.GetGrain<IRegionGrain>(catalog.Root.Id).GetSnapshot()).Self.Indicators.Alerts;
}
