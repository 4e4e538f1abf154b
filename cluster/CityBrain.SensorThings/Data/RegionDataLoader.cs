using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Regions;
using CityBrain.Regions;
using CityBrain.SensorThings.Model;

namespace CityBrain.SensorThings.Data;

/// <summary>Reads the tree's devices from their grains: each district lists its devices, each device its registration
/// and the sensors behind its latest values.</summary>
public sealed class RegionDataLoader(IGrainFactory grains, RegionCatalog catalog, RegionBoundaries boundaries)
{
    public async Task<RegionData> LoadAsync()
    {
        var details = await Task.WhenAll(catalog.Tree.Leaves.Select(d => grains.GetGrain<IDistrictGrain>(d.Id).GetDetail()));
        var ids = details.SelectMany(d => d.Devices.Select(device => device.DeviceId)).Distinct(StringComparer.Ordinal);
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IDeviceGrain>(id).GetSnapshot()));
        return new RegionData(catalog.Tree, boundaries, [.. snapshots.OfType<DeviceSnapshot>()
            .Where(s => catalog.IsDistrict(s.DistrictId))
            .Select(s => new DeviceSite(s.DeviceId, s.DistrictId, s.RegisteredAt, s.LastSeen, s.Online,
                s.Latest.ToDictionary(kv => kv.Key, kv => kv.Value.Sensor), s.Health?.Site))]);
    }
}
