using NetTopologySuite.Geometries;

namespace CityBrain.Simulators.Geography;

public sealed record DistrictShape(string Id, string Name, string NameZh, string Code, string NoiseZone, Geometry Shape);

public sealed record CityShape(string Id, string Name, string NameZh, string Code, Geometry Shape, IReadOnlyList<DistrictShape> Districts);

/// <summary>The generated province: cities and their districts, each an exact coverage of the level below.</summary>
public sealed record ProvinceMap(IReadOnlyList<CityShape> Cities);
