using System.Text.Json.Serialization;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Payloads;

/// <summary>One report window of one gateway. <see cref="Sequence"/> never repeats for a device (it survives
/// restarts), so the cluster can drop the duplicates that at-least-once delivery produces.</summary>
/// <param name="Timestamp">UTC start of the report window.</param>
/// <param name="WindowSeconds">Length of the report window the readings summarise.</param>
public sealed record Telemetry(
    int Version,
    string DeviceId,
    long Sequence,
    DateTimeOffset Timestamp,
    int WindowSeconds,
    IReadOnlyList<Reading> Readings)
{
    public const int CurrentVersion = 1;
}

/// <summary>One quantity over the report window. <see cref="Value"/> is absent only when the reading is
/// <see cref="Quality.Invalid"/> (a sensor unplugged or every sample corrupt): a missing value is never sent as 0.
/// It is written as an explicit <c>null</c>, so a payload that leaves the field out is malformed, not "no data".</summary>
/// <param name="Sensor">The source sensor, e.g. <c>pms5003</c> or <c>bme280@1:0x76</c>.</param>
/// <param name="Count">How many samples the value averages.</param>
/// <param name="Reason">Why the quality is not <see cref="Quality.Ok"/>.</param>
public sealed record Reading(
    Quantity Quantity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Value,
    string Unit,
    Quality Quality,
    string Sensor,
    double? Min = null,
    double? Max = null,
    int? Count = null,
    string? Reason = null)
{
    /// <summary>A reading in the quantity's own unit, so that callers cannot get the unit wrong.</summary>
    public static Reading Of(Quantity quantity, double? value, Quality quality, string sensor,
        double? min = null, double? max = null, int? count = null, string? reason = null) =>
        new(quantity, value, quantity.Unit(), quality, sensor, min, max, count, reason);
}
