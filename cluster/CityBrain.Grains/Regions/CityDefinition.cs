namespace CityBrain.Grains.Regions;

/// <summary>The region tree the cockpit shows: a city and its districts, read from the city file.</summary>
public sealed record CityDefinition(string Id, string Name, string NameZh, string TimeZone, IReadOnlyList<DistrictDefinition> Districts)
{
    public TimeZoneInfo TimeZoneInfo => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <param name="NoiseZone">Functional zone class of GB 3096-2008: 0, 1, 2, 3, 4a or 4b.</param>
/// <param name="Position">Longitude, latitude of the district's label point.</param>
/// <param name="Polygon">Outline as longitude, latitude pairs; may be absent when only a position is known.</param>
public sealed record DistrictDefinition(
    string Id,
    string Name,
    string NameZh,
    string NoiseZone,
    IReadOnlyList<double> Position,
    IReadOnlyList<IReadOnlyList<double>>? Polygon = null);
