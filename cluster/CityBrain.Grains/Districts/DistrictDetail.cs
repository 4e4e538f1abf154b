using CityBrain.Grains.Areas;
using CityBrain.Indicators.Network;

namespace CityBrain.Grains.Districts;

/// <param name="Health">With the offline, stale and faulty devices by name.</param>
[GenerateSerializer, Immutable, Alias("citybrain.DistrictDetail.v1")]
public sealed record DistrictDetail(
    [property: Id(0)] AreaSnapshot Snapshot,
    [property: Id(1)] IReadOnlyList<DeviceStatus> Devices,
    [property: Id(2)] NetworkHealth Health);

[GenerateSerializer, Immutable, Alias("citybrain.DeviceStatus.v1")]
public sealed record DeviceStatus([property: Id(0)] string DeviceId, [property: Id(1)] bool Online, [property: Id(2)] DateTimeOffset? LastSeen);
