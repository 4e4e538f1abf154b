using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Grains.Devices;

/// <summary>A validated telemetry message on its way into a device grain.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.TelemetryBatch.v1")]
public sealed record TelemetryBatch(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset WindowStart,
    [property: Id(3)] int WindowSeconds,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] IReadOnlyList<ReadingValue> Readings)
{
    public DateTimeOffset WindowEnd => WindowStart.AddSeconds(WindowSeconds);
}

[GenerateSerializer, Immutable, Alias("citybrain.ReadingValue.v1")]
public sealed record ReadingValue(
    [property: Id(0)] Quantity Quantity,
    [property: Id(1)] double? Value,
    [property: Id(2)] Quality Quality,
    [property: Id(3)] string Sensor,
    [property: Id(4)] string? Reason = null);

[GenerateSerializer]
public enum RecordStatus
{
    Accepted,
    Duplicate,
    Rejected,
}

[GenerateSerializer, Immutable, Alias("citybrain.RecordOutcome.v1")]
public sealed record RecordOutcome([property: Id(0)] RecordStatus Status, [property: Id(1)] string? Reason = null)
{
    public static readonly RecordOutcome Accepted = new(RecordStatus.Accepted);
    public static readonly RecordOutcome Duplicate = new(RecordStatus.Duplicate);
}
