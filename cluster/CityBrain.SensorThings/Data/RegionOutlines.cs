using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Data;

/// <summary>The boundaries of the tree's places, by id, as the host loaded them with the tree.</summary>
public sealed record RegionOutlines(IReadOnlyDictionary<string, Geometry> All);
