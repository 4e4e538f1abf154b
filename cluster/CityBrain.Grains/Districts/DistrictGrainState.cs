namespace CityBrain.Grains.Districts;

[GenerateSerializer, Alias("citybrain.DistrictGrainState.v1")]
public sealed class DistrictGrainState
{
    [Id(0)] public Dictionary<string, DeviceSummary> Devices { get; set; } = new(StringComparer.Ordinal);
}
