using CityBrain.Regions;
using CityBrain.Supervision.Cases;

namespace CityBrain.Supervision.Desk;

/// <summary>Which alerts make one episode, and where an episode's case belongs. Air pollution spreads over a city, so
/// the air alerts of every district of one city are one episode and one case, owned by the city once it reaches a second
/// district; noise is local to its district; a device's silence and faults are that device's.</summary>
internal static class Episodes
{
    public static string GroupKey(CaseAlert alert, RegionTree tree) => CaseKinds.Of(alert.Kind) switch
    {
        CaseKind.Air => $"air:{tree.ParentOf(alert.DistrictId)?.Id ?? alert.DistrictId}",
        CaseKind.Noise => $"noise:{alert.DistrictId}",
        _ => $"device:{alert.DeviceId ?? alert.DistrictId}",
    };

    /// <summary>The district of a one-district case, the parent of a wider one; then one level up per escalation,
    /// stopping at the root.</summary>
    public static string Region(IReadOnlyList<string> districts, int escalationLevel, RegionTree tree)
    {
        var region = districts.Count == 1 ? districts[0] : tree.ParentOf(districts[0])?.Id ?? districts[0];
        for (var i = 0; i < escalationLevel && tree.ParentOf(region) is { } parent; i++) region = parent.Id;
        return region;
    }
}
