using CityBrain.Contracts.Vocabulary;
using CityBrain.Regions;
using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Model;

/// <summary>What the entity graph is built from: the region tree with each place's outline where its file gave one,
/// and every registered device as its grain knows it.</summary>
/// <param name="Outlines">Each place's boundary by id; a place without one is located at its label point.</param>
public sealed record RegionData(RegionTree Tree, IReadOnlyDictionary<string, Geometry> Outlines, IReadOnlyList<DeviceSite> Devices);

/// <param name="Sensors">The sensor (<c>chip@bus</c>) of each quantity the device reported most recently.</param>
public sealed record DeviceSite(
    string DeviceId,
    string DistrictId,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastSeen,
    bool Online,
    IReadOnlyDictionary<Quantity, string> Sensors);
