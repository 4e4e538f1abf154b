using NetTopologySuite.Geometries;

namespace CityBrain.Regions;

/// <summary>A region while its file is being read: shapes and positions are filled in after the whole tree is known,
/// because a region's outline may come from its parent's boundaries or from the union of its children.</summary>
internal sealed class RegionDraft(string file, string id, string name, string nameZh, string level)
{
    /// <summary>The file that defined the region; problems with the region itself name it.</summary>
    public string File { get; } = file;
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string NameZh { get; } = nameZh;
    public string Level { get; } = level;
    public string? Code { get; init; }
    public string? NoiseZone { get; init; }
    public Coordinate? Position { get; set; }
    public List<RegionDraft> Children { get; } = [];

    /// <summary>Outline at full resolution; null when neither a feature nor the children give one.</summary>
    public Geometry? Shape { get; set; }

    /// <summary>The file the shape was read from (the parent's boundaries or a legacy city file); geometry problems
    /// name it. Null when the shape is the union of the children.</summary>
    public string? ShapeFile { get; set; }
}
