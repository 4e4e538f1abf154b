using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;
using CityBrain.Regions;

namespace CityBrain.SensorThings.Model;

/// <summary>What the entity graph is built from: the region tree with each place's outline where its file gave one,
/// and every registered device as its grain knows it.</summary>
/// <param name="Boundaries">Each place's boundary; a place without one is located at its label point.</param>
public sealed record RegionData(RegionTree Tree, RegionBoundaries Boundaries, IReadOnlyList<DeviceSite> Devices);

/// <param name="Sensors">The sensor (<c>chip@bus</c>) of each quantity the device reported most recently.</param>
/// <param name="Site">Where the device stands, as its gateway announced it and the cluster accepted it.</param>
public sealed record DeviceSite(
    string DeviceId,
    string DistrictId,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastSeen,
    bool Online,
    IReadOnlyDictionary<Quantity, string> Sensors,
    MonitoringSite? Site = null);
