using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Grains.Devices;

[GenerateSerializer, Immutable, Alias("citybrain.DeviceSnapshot.v1")]
public sealed record DeviceSnapshot(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string DistrictId,
    [property: Id(2)] DateTimeOffset RegisteredAt,
    [property: Id(3)] DateTimeOffset? LastSeen,
    [property: Id(4)] bool Online,
    [property: Id(5)] long LastSequence,
    [property: Id(6)] long Accepted,
    [property: Id(7)] long Duplicates,
    [property: Id(8)] IReadOnlyDictionary<Quantity, LatestValue> Latest,
    [property: Id(9)] DeviceHealth? Health,
    [property: Id(10)] long LateReadings = 0);
