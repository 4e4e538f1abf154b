using NetTopologySuite.Geometries;

namespace CityBrain.Regions;

/// <summary>Loads a region file: the tree of regions with their boundaries, checked as a whole, so that a broken file
/// stops the host at start with one sentence instead of a cockpit that silently draws or sums the wrong places.</summary>
public static class RegionFile
{
    /// <summary>How much of a child's area may lie outside its parent: real boundary files of different sources and
    /// scales disagree by a few hundred metres along a border.</summary>
    public const double OutsideParentTolerance = 0.01;

    /// <summary>How much two siblings may overlap, as a share of the smaller: the same slack for sources that disagree,
    /// while a region drawn twice or a swapped feature is far above it.</summary>
    public const double SiblingOverlapTolerance = 0.005;

    public static LoadedRegions Load(string path)
    {
        var (root, timeZone) = RegionReader.ReadRoot(Path.GetFullPath(path));
        RegionShapes.Resolve(root);
        var shapes = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = Build(root, shapes, files);
        return new LoadedRegions(new RegionTree(node, timeZone), new RegionBoundaries(node, shapes));
    }

    private static RegionNode Build(RegionDraft draft, Dictionary<string, Geometry> shapes, Dictionary<string, string> files)
    {
        if (!files.TryAdd(draft.Id, draft.File))
        {
            throw new RegionFileException(draft.File, $"region id '{draft.Id}' is used twice (also in '{files[draft.Id]}'); ids must be unique across the whole tree");
        }
        if (draft.Shape is { IsEmpty: false } shape) shapes[draft.Id] = shape;
        var children = draft.Children.Select(c => Build(c, shapes, files)).ToList();
        var position = draft.Position!;
        return new RegionNode(draft.Id, draft.Name, draft.NameZh, draft.Level, draft.Code,
            children.Count == 0 ? draft.NoiseZone : null, [position.X, position.Y], children);
    }
}
