using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Grains.Devices;

/// <summary>The most recent report of one quantity by one device. <see cref="UpdatedAt"/> is the end of the report
/// window the value describes, not when it arrived.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.LatestValue.v1")]
public sealed record LatestValue(
    [property: Id(0)] double? Value,
    [property: Id(1)] Quality Quality,
    [property: Id(2)] string Sensor,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] string? Reason = null)
{
    public bool IsUsable(DateTimeOffset now, TimeSpan staleAfter) =>
        Quality == Quality.Ok && Value is not null && now - UpdatedAt <= staleAfter;
}
