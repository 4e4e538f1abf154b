using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace CityBrain.Regions;

/// <summary>Simplifies the shapes one map shows. Neighbours are simplified together as a coverage, so a border
/// two regions share is simplified once and stays shared: simplifying each region alone opens slivers and overlaps
/// between them.</summary>
internal static class MapSimplifier
{
    /// <summary>Tolerance as a share of the map's larger extent: at 1/1000 a 4K wall (about 2000 px for the map)
    /// still shows every removed vertex within about two pixels.</summary>
    public const double RelativeTolerance = 0.001;

    public static Geometry[] Simplify(IReadOnlyList<Geometry> shapes)
    {
        if (shapes.Count == 0) return [];
        var envelope = new Envelope();
        foreach (var shape in shapes) envelope.ExpandToInclude(shape.EnvelopeInternal);
        var tolerance = Math.Max(envelope.Width, envelope.Height) * RelativeTolerance;
        var array = shapes.ToArray();
        // A coverage with gaps is fine, overlaps or borders that do not match vertex for vertex are not: those files
        // still load (within the tolerances) and are simplified region by region.
        return CoverageValidator.IsValid(array)
            ? CoverageSimplifier.Simplify(array, tolerance)
            : [.. array.Select(s => TopologyPreservingSimplifier.Simplify(s, tolerance))];
    }
}
