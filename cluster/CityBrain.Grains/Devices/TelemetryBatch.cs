using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Grains.Devices;

/// <summary>A validated telemetry message on its way into a device grain, with the payload it was read from: the
/// grain journals the payload, and a replay reads the same batch back from it.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.TelemetryBatch.v2")]
public sealed record TelemetryBatch(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset WindowStart,
    [property: Id(3)] int WindowSeconds,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] IReadOnlyList<ReadingValue> Readings,
    [property: Id(6)] byte[] Payload)
{
    public DateTimeOffset WindowEnd => WindowStart.AddSeconds(WindowSeconds);

    public static TelemetryBatch From(string districtId, Telemetry telemetry, DateTimeOffset receivedAt, byte[] payload) =>
        new(districtId, telemetry.Sequence, telemetry.Timestamp, telemetry.WindowSeconds, receivedAt,
            [.. telemetry.Readings.Select(r => new ReadingValue(r.Quantity, r.Value, r.Quality, r.Sensor, r.Reason))], payload);

    /// <summary>A journalled message read again, validated as at its arrival. Null (with the reason) when today's
    /// rules refuse what was accepted then: such an entry counts as it did not, and the caller says so.</summary>
    public static TelemetryBatch? FromJournal(JournalEntry entry, out string? refusal)
    {
        var payload = entry.Payload.ToArray();
        var parsed = WireFormat.ParseTelemetry(new System.Buffers.ReadOnlySequence<byte>(payload), entry.ReceivedAt);
        refusal = !parsed.Ok ? parsed.Rejection.Reason
            : parsed.Value.DeviceId != entry.DeviceId ? $"payload deviceId '{parsed.Value.DeviceId}' is not the journal's '{entry.DeviceId}'"
            : null;
        return refusal is null ? From(entry.District, parsed.Value!, entry.ReceivedAt, payload) : null;
    }

    public JournalEntry ToJournal(string deviceId) => new(deviceId, Sequence, DistrictId, WindowStart, ReceivedAt, Payload);
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
