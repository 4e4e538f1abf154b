using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;

namespace CityBrain.Grains.Districts;

/// <summary>What a device tells its district: enough to count it, to average its latest values and to judge its
/// health. The hourly-value counts cover the last day, for the data-validity rate.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.DeviceSummary.v1")]
public sealed record DeviceSummary(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] DateTimeOffset? LastSeen,
    [property: Id(2)] bool SaidGoodbye,
    [property: Id(3)] IReadOnlyDictionary<Quantity, LatestValue> Latest,
    [property: Id(4)] int ValidHourlyValues = 0,
    [property: Id(5)] int ExpectedHourlyValues = 0,
    [property: Id(6)] MonitoringSite? Site = null)
{
    public bool IsOnline(DateTimeOffset now, TimeSpan window) => !SaidGoodbye && LastSeen is { } seen && now - seen <= window;
}
