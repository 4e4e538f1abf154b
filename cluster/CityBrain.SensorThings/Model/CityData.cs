using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;

namespace CityBrain.SensorThings.Model;

/// <summary>What the entity graph is built from: the city file and every registered device as its grain knows it.</summary>
public sealed record CityData(CityDefinition City, IReadOnlyList<DeviceSite> Devices);

/// <param name="Sensors">The sensor (<c>chip@bus</c>) of each quantity the device reported most recently.</param>
public sealed record DeviceSite(
    string DeviceId,
    string DistrictId,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastSeen,
    bool Online,
    IReadOnlyDictionary<Quantity, string> Sensors);
