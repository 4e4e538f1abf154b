using CityBrain.Grains.Districts;

namespace CityBrain.Grains.Cities;

/// <summary>Every district of the city in the city file's order; a district no device has reported from yet is
/// present and empty, so the cockpit shows "no data" for it rather than leaving it out.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.CitySnapshot.v1")]
public sealed record CitySnapshot([property: Id(0)] IReadOnlyList<DistrictSnapshot> Districts, [property: Id(1)] DateTimeOffset UpdatedAt);
