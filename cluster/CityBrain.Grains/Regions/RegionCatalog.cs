using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Regions;

namespace CityBrain.Grains.Regions;

/// <summary>The loaded region tree, shared by every grain of the silo, with what the grains derive from it.</summary>
public sealed class RegionCatalog
{
    private readonly Dictionary<string, int> _heights = new(StringComparer.Ordinal);

    public RegionCatalog(RegionTree tree)
    {
        Tree = tree;
        Calendar = LocalCalendar.ForZone(tree.TimeZone);
        if (tree.Root.IsLeaf) throw new ArgumentException($"region '{tree.Root.Id}' has no children: the tree's root must be a region of places", nameof(tree));
        Height(tree.Root);
    }

    public RegionTree Tree { get; }

    public RegionNode Root => Tree.Root;

    /// <summary>The local clock of the tree's hours and days.</summary>
    public LocalCalendar Calendar { get; }

    /// <summary>A leaf: a district, where devices register.</summary>
    public bool TryGetDistrict(string id, out RegionNode district) => Tree.TryFind(id, out district) && district.IsLeaf;

    public bool IsDistrict(string id) => Tree.IsLeaf(id);

    /// <summary>The region one level up; every district has one, only the root has none.</summary>
    public string? ParentIdOf(string id) => Tree.ParentOf(id)?.Id;

    /// <summary>1 for a district, one more than its highest child for a region: how many levels close an hour before
    /// this place may close it.</summary>
    public int HeightOf(string id) => _heights.GetValueOrDefault(id);

    /// <summary>The scope a place's history and hourly shares are kept under.</summary>
    public static HistoryScope ScopeOf(RegionNode node) => node.IsLeaf ? HistoryScope.District : HistoryScope.Region;

    private int Height(RegionNode node)
    {
        var height = node.IsLeaf ? 1 : 1 + node.Children.Max(Height);
        _heights[node.Id] = height;
        return height;
    }
}
