using System.Collections.Frozen;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Regions;

/// <summary>The loaded city, shared by every grain of the silo.</summary>
public sealed class CityCatalog(CityDefinition city)
{
    private readonly FrozenDictionary<string, DistrictDefinition> _districts =
        city.Districts.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);

    public CityDefinition City { get; } = city;

    /// <summary>The local clock of the city's hours and days.</summary>
    public LocalCalendar Calendar { get; } = LocalCalendar.ForZone(city.TimeZone);

    public bool TryGetDistrict(string id, out DistrictDefinition district) => _districts.TryGetValue(id, out district!);

    public bool Contains(string districtId) => _districts.ContainsKey(districtId);
}
