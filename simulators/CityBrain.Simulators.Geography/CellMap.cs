using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Triangulate;
using OverlayNG = NetTopologySuite.Operation.OverlayNG.OverlayNG;

namespace CityBrain.Simulators.Geography;

/// <summary>One small cell of land around its seed; districts and cities are unions of cells.</summary>
internal sealed record Cell(Coordinate Seed, Geometry Shape);

/// <summary>Cuts the land into small cells: a Voronoi diagram of the seeds, its straight edges bent by a smooth warp so
/// that borders meander, clipped to the land. Every vertex lies on a fixed grid (1e-4 degrees, about 10 m), so two
/// cells that share a border share it vertex for vertex and the unions above them form an exact coverage.</summary>
internal static class CellMap
{
    /// <summary>Spacing of the points added along each Voronoi edge before warping, in degrees.</summary>
    private const double Step = 0.025;

    /// <summary>How far the warp moves a point, in degrees; small against the warp's period so cells never fold.</summary>
    private const double WarpAmplitude = 0.045;

    public static PrecisionModel Grid { get; } = new(1e4);

    public static IReadOnlyList<Cell> Build(Random random, GeometryFactory factory, Geometry land, IReadOnlyList<Coordinate> seeds)
    {
        var warpX = new SmoothNoise(random, 12, 0.5, 2.5);
        var warpY = new SmoothNoise(random, 12, 0.5, 2.5);
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds.ToArray());
        var frame = new Envelope(land.EnvelopeInternal);
        frame.ExpandBy(1);
        builder.ClipEnvelope = frame;
        var diagram = builder.GetDiagram(factory);
        var cells = new List<Cell>();
        foreach (var polygon in diagram.Geometries.OfType<Polygon>())
        {
            var ring = Bend(polygon.Shell.Coordinates, c => new Coordinate(
                Grid.MakePrecise(c.X + WarpAmplitude * warpX.At(c.X, c.Y)),
                Grid.MakePrecise(c.Y + WarpAmplitude * warpY.At(c.X, c.Y))));
            // Strict mode keeps the result polygonal: where a bent cell only touches the coast, a plain intersection
            // adds that touching line or point.
            var shape = new OverlayNG(factory.CreatePolygon(ring), land, Grid, SpatialFunction.Intersection) { StrictMode = true }.GetResult();
            if (!shape.IsEmpty && shape.Area > 0) cells.Add(new Cell((Coordinate)polygon.UserData, shape));
        }
        return cells;
    }

    /// <summary>Adds points along each edge and moves every point by the warp. An edge is always filled from its
    /// lesser end, so the two cells on either side of it get bit-identical points.</summary>
    private static Coordinate[] Bend(Coordinate[] ring, Func<Coordinate, Coordinate> warp)
    {
        var result = new List<Coordinate>();
        for (var i = 0; i + 1 < ring.Length; i++)
        {
            var (a, b) = (ring[i], ring[i + 1]);
            var forward = a.CompareTo(b) < 0;
            var (from, to) = forward ? (a, b) : (b, a);
            var n = Math.Max(1, (int)Math.Ceiling(from.Distance(to) / Step));
            var edge = Enumerable.Range(0, n).Select(k => new Coordinate(from.X + (to.X - from.X) * k / n, from.Y + (to.Y - from.Y) * k / n)).ToList();
            edge.Add(to);
            if (!forward) edge.Reverse();
            result.AddRange(edge.Take(n).Select(warp));
        }
        result.Add(result[0].Copy());
        return [.. result];
    }
}
