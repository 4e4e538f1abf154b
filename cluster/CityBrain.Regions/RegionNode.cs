namespace CityBrain.Regions;

/// <summary>One place of the region tree: the province, a city, a district, or any level a bureau configures.
/// Devices register in leaves; every other node is the sum of its children.</summary>
/// <param name="Level">What the place is called at its level ("province", "city", "district", "county", …), as the
/// file names it; the page shows it and nothing computes with it.</param>
/// <param name="Code">The administrative division code (行政区划代码, "adcode") where the bureau has one.</param>
/// <param name="NoiseZone">GB 3096-2008 functional zone class of a leaf (0, 1, 2, 3, 4a, 4b); null above the leaves.</param>
/// <param name="Position">Longitude, latitude of the label point.</param>
public sealed record RegionNode(
    string Id,
    string Name,
    string NameZh,
    string Level,
    string? Code,
    string? NoiseZone,
    IReadOnlyList<double> Position,
    IReadOnlyList<RegionNode> Children)
{
    public bool IsLeaf => Children.Count == 0;
}
