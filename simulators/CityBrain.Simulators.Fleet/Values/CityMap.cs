using CityBrain.Simulators.Fleet.Scenarios;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>Which districts border which, as hop counts: the path an episode drifts along. Neighbours come from the
/// scenario; where it names none, the three nearest districts by position are taken.</summary>
internal sealed class CityMap
{
    public const int Unreachable = int.MaxValue;
    private const int NearestWhenUnnamed = 3;

    private readonly int[,] _hops;
    private readonly Dictionary<string, int> _index;

    public CityMap(IReadOnlyList<DistrictScenario> districts)
    {
        Districts = districts;
        _index = districts.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var adjacent = districts.Select(_ => new HashSet<int>()).ToArray();
        for (var i = 0; i < districts.Count; i++)
        {
            var named = districts[i].Neighbours.Select(n => _index[n]);
            foreach (var j in districts[i].Neighbours.Count > 0 ? named : Nearest(districts, i))
            {
                adjacent[i].Add(j);
                adjacent[j].Add(i);
            }
        }
        _hops = new int[districts.Count, districts.Count];
        for (var i = 0; i < districts.Count; i++) Spread(i, adjacent);
    }

    public IReadOnlyList<DistrictScenario> Districts { get; }

    public int IndexOf(string districtId) => _index[districtId];

    public int Hops(int from, int to) => _hops[from, to];

    private void Spread(int origin, HashSet<int>[] adjacent)
    {
        for (var j = 0; j < Districts.Count; j++) _hops[origin, j] = Unreachable;
        _hops[origin, origin] = 0;
        var queue = new Queue<int>([origin]);
        while (queue.TryDequeue(out var at))
        {
            foreach (var next in adjacent[at].Where(n => _hops[origin, n] == Unreachable))
            {
                _hops[origin, next] = _hops[origin, at] + 1;
                queue.Enqueue(next);
            }
        }
    }

    private static IEnumerable<int> Nearest(IReadOnlyList<DistrictScenario> districts, int i)
    {
        if (districts[i].Position is not { } here) return [];
        return districts
            .Select((d, j) => (j, d.Position))
            .Where(x => x.j != i && x.Position is not null)
            .OrderBy(x => Distance(here, x.Position!.Value))
            .Take(NearestWhenUnnamed)
            .Select(x => x.j);
    }

    /// <summary>Equirectangular distance in degrees of latitude: enough to rank districts of one city.</summary>
    private static double Distance(GeoPosition a, GeoPosition b)
    {
        var dx = (a.Longitude - b.Longitude) * Math.Cos((a.Latitude + b.Latitude) / 2 * Math.PI / 180);
        var dy = a.Latitude - b.Latitude;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
