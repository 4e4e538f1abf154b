using CityBrain.Grains.Areas;
using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Districts;

[GenerateSerializer, Alias("citybrain.DistrictGrainState.v1")]
public sealed class DistrictGrainState
{
    [Id(0)] public Dictionary<string, DeviceSummary> Devices { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public AreaHours Hours { get; set; } = new();
    [Id(2)] public AreaAlerts Alerts { get; set; } = new();
    [Id(3)] public List<PendingShare> Undelivered { get; set; } = [];
    [Id(4)] public RunningHourAlerts RunningHour { get; set; } = new();
}
