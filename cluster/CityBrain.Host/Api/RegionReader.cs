using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Regions;
using CityBrain.Regions;

namespace CityBrain.Host.Api;

/// <summary>Reads one place of the region tree as <c>GET /api/regions/{id}</c> and the cockpit's stream answer it: a
/// region from its grain (its children's snapshots included), a district from its grain with its devices.</summary>
public sealed class RegionReader(IGrainFactory grains, RegionCatalog catalog)
{
    /// <summary>Null for an id that is not in the tree.</summary>
    public async Task<RegionResponse?> ReadAsync(string id)
    {
        if (!catalog.Tree.TryFind(id, out var node)) return null;
        if (node.IsLeaf)
        {
            var detail = await grains.GetGrain<IDistrictGrain>(id).GetDetail();
            return Response(node, detail.Snapshot, [], detail);
        }
        var snapshot = await grains.GetGrain<IRegionGrain>(id).GetSnapshot();
        return Response(node, snapshot.Self, snapshot.Children, null);
    }

    private RegionResponse Response(RegionNode node, AreaSnapshot self, IReadOnlyList<AreaSnapshot> children, DistrictDetail? detail)
    {
        var indicators = self.Indicators.ToResponse();
        return new RegionResponse(node.Id, node.Name, node.NameZh, node.Level, node.Code, catalog.Tree.TimeZone,
            [.. catalog.Tree.PathTo(node.Id).Select(RegionMapping.ToRef)], node.IsLeaf, node.NoiseZone,
            self.DevicesRegistered, self.DevicesOnline, self.Latest.ToResponse(), self.UpdatedAt,
            indicators.Aqi, indicators.DailyAqi, indicators.Noise, indicators.Validity, indicators.Network, ActiveAlerts(self),
            [.. children.Select(Child)],
            detail?.Devices.Select(d => new DeviceStatusResponse(d.DeviceId, d.Online, d.LastSeen,
                (d.KeyValues ?? new Dictionary<Quantity, double>()).ToDictionary(kv => kv.Key.WireName(), kv => kv.Value), d.Site)).ToList(),
            detail?.Health.ToDevicesResponse());
    }

    private ChildRegionResponse Child(AreaSnapshot child)
    {
        if (!catalog.Tree.TryFind(child.Id, out var node)) throw new InvalidOperationException($"region '{child.Id}' vanished from the region tree");
        var indicators = child.Indicators.ToResponse();
        return new ChildRegionResponse(node.Id, node.Name, node.NameZh, node.Level, node.IsLeaf, node.NoiseZone,
            child.DevicesRegistered, child.DevicesOnline, child.Latest.ToResponse(), child.UpdatedAt,
            indicators.Aqi, indicators.DailyAqi, indicators.Noise, indicators.Validity, indicators.Network, ActiveAlerts(child));
    }

    private static int ActiveAlerts(AreaSnapshot snapshot) => snapshot.Indicators.Alerts.Count(a => a.End is null);
}

internal static class RegionMapping
{
    public static RegionRefResponse ToRef(RegionNode node) => new(node.Id, node.Name, node.NameZh, node.Level);

    public static RegionNodeResponse ToResponse(RegionNode node) =>
        new(node.Id, node.Name, node.NameZh, node.Level, node.Code, node.NoiseZone, node.Position, [.. node.Children.Select(ToResponse)]);
}
