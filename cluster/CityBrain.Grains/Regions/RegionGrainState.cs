using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Regions;

/// <summary>Only the region's hours and the shares its parent has not taken yet are kept: children restate their
/// snapshots within one report period.</summary>
[GenerateSerializer, Alias("citybrain.RegionGrainState.v1")]
public sealed class RegionGrainState
{
    [Id(0)] public AreaHours Hours { get; set; } = new();
    [Id(1)] public List<PendingShare> Undelivered { get; set; } = [];
}
