using CityBrain.Grains.Areas;

namespace CityBrain.Grains.Regions;

/// <summary>A region and every child in the file's order; a child nothing has reported from yet is present and empty,
/// so the cockpit shows "no data" for it rather than leaving it out.</summary>
/// <param name="Self">The region's own numbers: means over every device below it; its alerts are all alerts below it.</param>
[GenerateSerializer, Immutable, Alias("citybrain.RegionSnapshot.v1")]
public sealed record RegionSnapshot([property: Id(0)] AreaSnapshot Self, [property: Id(1)] IReadOnlyList<AreaSnapshot> Children);
