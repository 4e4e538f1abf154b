using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Devices;
using CityBrain.Indicators.Network;

namespace CityBrain.Grains.Districts;

/// <param name="Health">With the offline, stale and faulty devices by name.</param>
[GenerateSerializer, Immutable, Alias("citybrain.DistrictDetail.v1")]
public sealed record DistrictDetail(
    [property: Id(0)] AreaSnapshot Snapshot,
    [property: Id(1)] IReadOnlyList<DeviceStatus> Devices,
    [property: Id(2)] NetworkHealth Health);

/// <param name="KeyValues">The device's latest usable values of <see cref="KeyQuantities"/>, so a hot spot can be found
/// from its district's list.</param>
[GenerateSerializer, Immutable, Alias("citybrain.DeviceStatus.v1")]
public sealed record DeviceStatus(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] bool Online,
    [property: Id(2)] DateTimeOffset? LastSeen,
    [property: Id(3)] IReadOnlyDictionary<Quantity, double>? KeyValues = null,
    [property: Id(4)] MonitoringSite? Site = null)
{
    /// <summary>What a district's device list shows of each device: the pollutants that most often decide the AQI, and noise.</summary>
    public static IReadOnlyList<Quantity> KeyQuantities { get; } = [Quantity.Pm2_5, Quantity.Pm10, Quantity.O3, Quantity.No2, Quantity.Noise];
}
