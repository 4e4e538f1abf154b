using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Indicators.Network;

namespace CityBrain.Grains.Districts;

/// <summary>A district as the city and the cockpit see it.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.DistrictSnapshot.v1")]
public sealed record DistrictSnapshot(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] int DevicesRegistered,
    [property: Id(2)] int DevicesOnline,
    [property: Id(3)] IReadOnlyDictionary<Quantity, AggregateValue> Latest,
    [property: Id(4)] DateTimeOffset UpdatedAt,
    [property: Id(5)] AreaReport Indicators)
{
    public static DistrictSnapshot Empty(string districtId, DateTimeOffset at) =>
        new(districtId, 0, 0, new Dictionary<Quantity, AggregateValue>(), at, AreaReport.Empty);
}

/// <summary>The district's value of one quantity: the mean over its devices' latest valid values (an energy mean for
/// sound levels), <see cref="UpdatedAt"/> being the newest of them.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.AggregateValue.v1")]
public sealed record AggregateValue([property: Id(0)] double Value, [property: Id(1)] DateTimeOffset UpdatedAt, [property: Id(2)] int Devices);

/// <param name="Health">With the offline, stale and faulty devices by name.</param>
[GenerateSerializer, Immutable, Alias("citybrain.DistrictDetail.v1")]
public sealed record DistrictDetail(
    [property: Id(0)] DistrictSnapshot Snapshot,
    [property: Id(1)] IReadOnlyList<DeviceStatus> Devices,
    [property: Id(2)] NetworkHealth Health);

[GenerateSerializer, Immutable, Alias("citybrain.DeviceStatus.v1")]
public sealed record DeviceStatus([property: Id(0)] string DeviceId, [property: Id(1)] bool Online, [property: Id(2)] DateTimeOffset? LastSeen);
