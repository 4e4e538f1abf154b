using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.Regions;

namespace CityBrain.OpenData.Export;

/// <summary>A region, a district or a device whose history an export holds, with the names that identify it in a file.</summary>
/// <param name="District">The district a device reports for, or the district itself; null for a region above them.</param>
public sealed record ExportPlace(HistoryScope Scope, string Id, string Name, string? NameZh, string? District)
{
    public static ExportPlace Of(RegionNode node) => node.IsLeaf
        ? new(HistoryScope.District, node.Id, node.Name, node.NameZh, node.Id)
        : new(HistoryScope.Region, node.Id, node.Name, node.NameZh, null);

    public static ExportPlace Device(string id, string district) => new(HistoryScope.Device, id, id, null, district);

    /// <summary>Every place of the tree, parents before children: the places of the daily open-data file.</summary>
    public static IReadOnlyList<ExportPlace> Published(RegionCatalog catalog) => [.. RegionTree.Walk(catalog.Root).Select(Of)];
}
