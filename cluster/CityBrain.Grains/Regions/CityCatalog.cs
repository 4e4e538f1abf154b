using System.Collections.Frozen;

namespace CityBrain.Grains.Regions;

/// <summary>The loaded city, shared by every grain of the silo.</summary>
public sealed class CityCatalog(CityDefinition city)
{
    private readonly FrozenDictionary<string, DistrictDefinition> _districts =
        city.Districts.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);

    public CityDefinition City { get; } = city;

    public bool TryGetDistrict(string id, out DistrictDefinition district) => _districts.TryGetValue(id, out district!);

    public bool Contains(string districtId) => _districts.ContainsKey(districtId);
}
