using CityBrain.Grains.Districts;
using CityBrain.Grains.Regions;

namespace CityBrain.Grains.Cities;

/// <summary>The whole city. It holds only what districts reported, which is cheap to rebuild, so it keeps no state
/// of its own: on activation it wakes every district, and they report within one period.</summary>
public sealed class CityGrain(CityCatalog catalog, TimeProvider time) : Grain, ICityGrain
{
    private readonly Dictionary<string, DistrictSnapshot> _districts = new(StringComparer.Ordinal);
    private DateTimeOffset _updatedAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _updatedAt = time.GetUtcNow();
        foreach (var district in catalog.City.Districts)
        {
            GrainFactory.GetGrain<IDistrictGrain>(district.Id).Wake().Ignore();
        }
        return Task.CompletedTask;
    }

    public Task ReportDistrict(DistrictSnapshot snapshot)
    {
        if (!catalog.Contains(snapshot.DistrictId)) return Task.CompletedTask;
        _districts[snapshot.DistrictId] = snapshot;
        _updatedAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task<CitySnapshot> GetSnapshot() => Task.FromResult(new CitySnapshot(
        catalog.City.Districts
            .Select(d => _districts.TryGetValue(d.Id, out var s) ? s : DistrictSnapshot.Empty(d.Id, _updatedAt))
            .ToList(),
        _updatedAt));
}
