using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Grains.Areas;

/// <summary>A place of the region tree (a district or any region above) as its parent and the cockpit see it.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.AreaSnapshot.v1")]
public sealed record AreaSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] int DevicesRegistered,
    [property: Id(2)] int DevicesOnline,
    [property: Id(3)] IReadOnlyDictionary<Quantity, AggregateValue> Latest,
    [property: Id(4)] DateTimeOffset UpdatedAt,
    [property: Id(5)] AreaReport Indicators)
{
    public static AreaSnapshot Empty(string id, DateTimeOffset at) =>
        new(id, 0, 0, new Dictionary<Quantity, AggregateValue>(), at, AreaReport.Empty);
}

/// <summary>A place's value of one quantity: the mean over its devices' latest valid values (an energy mean for
/// sound levels), <see cref="UpdatedAt"/> being the newest of them.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.AggregateValue.v1")]
public sealed record AggregateValue([property: Id(0)] double Value, [property: Id(1)] DateTimeOffset UpdatedAt, [property: Id(2)] int Devices);
