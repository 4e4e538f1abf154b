using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using OverlayNGRobust = NetTopologySuite.Operation.OverlayNG.OverlayNGRobust;

namespace CityBrain.Simulators.Geography;

/// <summary>Builds the fictional province: land with a sea coast on the east, cut into small cells; cells go to cities
/// by which side of three meandering rivers their seed lies, so city borders follow the rivers; within a city, cells go
/// to the nearest district seat, with seats packed near the city centre (small urban districts) and spread over the
/// countryside (large rural counties). Islands join the nearest coastal district.</summary>
public static class ProvinceGenerator
{
    private static readonly Coordinate Centre = new(119.6, 30.15);

    private const double UrbanReach = 0.4;

    public static ProvinceMap Generate(int seed)
    {
        var random = new Random(seed);
        var factory = new GeometryFactory(CellMap.Grid, 4326);
        var mainland = ProvinceOutline.Mainland(random, factory, Centre, 1.95, 1.4);
        var islands = ProvinceOutline.Islands(random, factory, mainland, Centre, 5);
        var rivers = new Rivers(random);
        var cells = CellMap.Build(random, factory, mainland, Seeds(random, mainland));
        if (!CoverageValidator.IsValid([.. cells.Select(c => c.Shape)]))
        {
            throw new InvalidOperationException("the land's cells do not form an exact coverage; try another seed");
        }
        var cities = Gazetteer.Cities.Select((plan, index) =>
        {
            var own = cells.Where(c => rivers.CityOf(c.Seed) == index).ToList();
            return (plan, districts: Districts(plan, own));
        }).ToList();
        var withIslands = AddIslands(cities.SelectMany(c => c.districts).ToList(), islands);
        return new ProvinceMap([.. cities.Select(c =>
        {
            var districts = c.districts.Select(d => withIslands[d.Id]).ToList();
            return new CityShape(c.plan.Id, c.plan.Name, c.plan.NameZh, c.plan.Code,
                CoverageUnion.Union([.. districts.Select(d => d.Shape)]), districts);
        })]);
    }

    /// <summary>A jittered grid over the land, denser around each city centre where districts are small.</summary>
    private static List<Coordinate> Seeds(Random random, Polygon land)
    {
        const double coreRadius = 0.3;
        var seeds = new List<Coordinate>();
        var cores = Gazetteer.Cities.Select(c => new Coordinate(c.CoreX, c.CoreY)).ToList();
        void Scatter(Envelope area, double spacing, Func<Coordinate, bool> keep)
        {
            for (var x = area.MinX; x <= area.MaxX; x += spacing)
            {
                for (var y = area.MinY; y <= area.MaxY; y += spacing)
                {
                    var p = new Coordinate(x + (random.NextDouble() - 0.5) * spacing * 0.8, y + (random.NextDouble() - 0.5) * spacing * 0.8);
                    if (keep(p)) seeds.Add(p);
                }
            }
        }
        var nearLand = (Envelope)land.EnvelopeInternal.Copy();
        nearLand.ExpandBy(0.2);
        Scatter(nearLand, 0.19, p => cores.All(c => c.Distance(p) > coreRadius));
        foreach (var core in cores)
        {
            Scatter(new Envelope(core.X - coreRadius, core.X + coreRadius, core.Y - coreRadius, core.Y + coreRadius), 0.075,
                p => core.Distance(p) <= coreRadius);
        }
        return seeds;
    }

    private static List<DistrictShape> Districts(CityPlan plan, List<Cell> cells)
    {
        var core = new Coordinate(plan.CoreX, plan.CoreY);
        var byCore = cells.OrderBy(c => c.Seed.Distance(core)).ToList();
        var seats = new List<Coordinate>();
        var urban = (int)Math.Round(plan.Districts * 0.4);
        foreach (var cell in byCore)
        {
            if (seats.Count == urban) break;
            if (seats.All(s => s.Distance(cell.Seed) > 0.09)) seats.Add(cell.Seed);
        }
        while (seats.Count < plan.Districts)
        {
            seats.Add(byCore.MaxBy(c => seats.Min(s => s.Distance(c.Seed)))!.Seed);
        }
        // Urban seats reach less far than rural ones (a multiplicatively weighted Voronoi diagram), which keeps the
        // districts of the centre small and compact and leaves the countryside to large counties.
        double Reach(Coordinate seat, Coordinate p) => seat.Distance(p) / (seats.IndexOf(seat) < urban ? UrbanReach : 1);
        return [.. seats.Select((seat, rank) =>
        {
            var own = cells.Where(c => seats.MinBy(s => Reach(s, c.Seed)) == seat).Select(c => c.Shape).ToArray();
            var (name, nameZh) = plan.Names[rank];
            return new DistrictShape($"{plan.Id}-{name.ToLowerInvariant()}", name, nameZh, $"{plan.Code[..4]}{rank + 1:00}",
                Gazetteer.ZonesByRank[rank], CoverageUnion.Union(own));
        })];
    }

    private static Dictionary<string, DistrictShape> AddIslands(List<DistrictShape> districts, IReadOnlyList<Polygon> islands)
    {
        var result = districts.ToDictionary(d => d.Id);
        foreach (var island in islands)
        {
            var nearest = result.Values.MinBy(d => d.Shape.Distance(island))!;
            result[nearest.Id] = nearest with { Shape = OverlayNGRobust.Overlay(nearest.Shape, island, SpatialFunction.Union) };
        }
        return result;
    }

    /// <summary>The three rivers that part the cities: one flowing east to the sea across the whole province, and two
    /// tributaries (one north of it, two south of it) running north-south into it.</summary>
    private sealed class Rivers(Random random)
    {
        private readonly SmoothNoise _main = new(random, 8, 0.6, 3);
        private readonly SmoothNoise _north = new(random, 8, 0.5, 2);
        private readonly SmoothNoise _southWest = new(random, 8, 0.5, 2);
        private readonly SmoothNoise _southEast = new(random, 8, 0.5, 2);

        /// <summary>Index into <see cref="Gazetteer.Cities"/>: haizhou (north-east), qingshan (north-west), linjiang
        /// (south, between the tributaries), yunxi (south-west), dongpu (south-east).</summary>
        public int CityOf(Coordinate p)
        {
            var mainLatitude = 30.15 - 0.08 * (p.X - 119.7) + 0.3 * _main.At(p.X, 0);
            if (p.Y > mainLatitude) return p.X > 119.45 + 0.35 * _north.At(0, p.Y) ? 0 : 1;
            if (p.X < 118.75 + 0.3 * _southWest.At(0, p.Y)) return 3;
            return p.X > 120.35 + 0.3 * _southEast.At(0, p.Y) ? 4 : 2;
        }
    }
}
