using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Districts;

namespace CityBrain.Grains.Cities;

/// <summary>Every district of the city in the city file's order; a district no device has reported from yet is
/// present and empty, so the cockpit shows "no data" for it rather than leaving it out.</summary>
/// <param name="Latest">City-wide means of the latest values, over every device of every district.</param>
[GenerateSerializer, Immutable, Alias("citybrain.CitySnapshot.v1")]
public sealed record CitySnapshot(
    [property: Id(0)] IReadOnlyList<DistrictSnapshot> Districts,
    [property: Id(1)] DateTimeOffset UpdatedAt,
    [property: Id(2)] IReadOnlyDictionary<Quantity, AggregateValue> Latest,
    [property: Id(3)] AreaReport Indicators);
