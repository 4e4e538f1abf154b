using NetTopologySuite.Geometries;

namespace CityBrain.Regions;

/// <summary>The regions' outlines: at full resolution for computing (which region a point lies in), and as
/// precomputed, simplified GeoJSON for the page, one map per region, so serving a map costs nothing per request.</summary>
public sealed class RegionBoundaries
{
    private readonly IReadOnlyDictionary<string, Geometry> _shapes;
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _maps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _outlines = new(StringComparer.Ordinal);

    internal RegionBoundaries(RegionNode root, IReadOnlyDictionary<string, Geometry> shapes)
    {
        _shapes = shapes;
        foreach (var node in RegionTree.Walk(root))
        {
            var shown = node.IsLeaf ? [node] : node.Children;
            var simplified = Simplified(shown);
            _maps[node.Id] = MapWriter.Collection([.. shown.Select(n => (n, simplified.GetValueOrDefault(n.Id)))]);
            var outline = node.IsLeaf ? simplified.GetValueOrDefault(node.Id) : Simplified([node]).GetValueOrDefault(node.Id);
            _outlines[node.Id] = MapWriter.Single(node, outline);
        }
    }

    /// <summary>The region's outline at the file's full resolution; false for an unknown id or a region known only
    /// by its position.</summary>
    public bool TryGet(string id, out Geometry geometry) => _shapes.TryGetValue(id, out geometry!);

    /// <summary>UTF-8 GeoJSON FeatureCollection of what the page draws for the region: its children, or the leaf
    /// itself; each feature carries id, name, nameZh, level, code, noiseZone, position and leaf; a top-level bbox
    /// frames them. Empty for an unknown id.</summary>
    public ReadOnlyMemory<byte> MapOf(string id) => _maps.GetValueOrDefault(id);

    /// <summary>UTF-8 GeoJSON Feature of the region's own outline, simplified, with its bbox. Empty for an unknown id.</summary>
    public ReadOnlyMemory<byte> OutlineOf(string id) => _outlines.GetValueOrDefault(id);

    private Dictionary<string, Geometry> Simplified(IReadOnlyList<RegionNode> nodes)
    {
        var withShape = nodes.Where(n => _shapes.ContainsKey(n.Id)).ToList();
        var simplified = MapSimplifier.Simplify([.. withShape.Select(n => _shapes[n.Id])]);
        return withShape.Select((n, i) => (n.Id, Shape: simplified[i])).ToDictionary(p => p.Id, p => p.Shape, StringComparer.Ordinal);
    }
}
