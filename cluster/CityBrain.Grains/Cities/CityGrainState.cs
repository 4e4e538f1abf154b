using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Cities;

/// <summary>Only the city's hours are kept: district snapshots are restated within one report period.</summary>
[GenerateSerializer, Alias("citybrain.CityGrainState.v1")]
public sealed class CityGrainState
{
    [Id(0)] public AreaHours Hours { get; set; } = new();
}
