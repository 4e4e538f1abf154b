using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;

namespace CityBrain.OpenData.Export;

/// <summary>The city, a district or a device whose history an export holds, with the names that identify it in a file.</summary>
/// <param name="District">The district a device reports for, or the district itself; null for the city.</param>
public sealed record ExportPlace(HistoryScope Scope, string Id, string Name, string? NameZh, string? District)
{
    public static ExportPlace Of(CityDefinition city) => new(HistoryScope.City, city.Id, city.Name, city.NameZh, null);

    public static ExportPlace Of(DistrictDefinition district) => new(HistoryScope.District, district.Id, district.Name, district.NameZh, district.Id);

    public static ExportPlace Device(string id, string district) => new(HistoryScope.Device, id, id, null, district);

    /// <summary>The city and every district, in the city file's order: the places of the daily open-data file.</summary>
    public static IReadOnlyList<ExportPlace> Published(CityCatalog catalog) =>
        [Of(catalog.City), .. catalog.City.Districts.Select(Of)];
}
