using System.Text.Json.Serialization;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Payloads;

/// <summary>One report window of one gateway. <see cref="Sequence"/> never repeats for a device (it survives
/// restarts), so the cluster can drop the duplicates that at-least-once delivery produces.</summary>
/// <remarks>Version 1 is a closed schema: a property it does not define is refused, never ignored (see
/// <see cref="Parsing.WireFormat"/> for every rule a report must pass).</remarks>
/// <param name="Sequence">0..<see cref="Parsing.WireFormat.MaxSequence"/>.</param>
/// <param name="Timestamp">UTC start of the report window, not before 2020; the window ends no later than now.</param>
/// <param name="WindowSeconds">Length of the report window the readings summarise, 1..<see cref="Parsing.WireFormat.MaxWindowSeconds"/>.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
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
/// <param name="Sensor">The source sensor, e.g. <c>pms5003</c> or <c>bme280@1:0x76</c>: 1..64 of <c>A-Z a-z 0-9 @ . _ : / -</c>.</param>
/// <param name="Min">Smallest sample of the window; only with a value, and never above it.</param>
/// <param name="Max">Largest sample of the window; only with a value, and never below it.</param>
/// <param name="Count">How many samples the value averages: at least 1 with a value, 0 without.</param>
/// <param name="Reason">Why the quality is not <see cref="Quality.Ok"/>: at most 200 characters, no control characters.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
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
    /// <summary>A reading in the quantity's own unit, so that callers cannot get the unit wrong, and with its reason
    /// fitted to what the contract takes (<see cref="Parsing.WireFormat.FitReason"/>).</summary>
    public static Reading Of(Quantity quantity, double? value, Quality quality, string sensor,
        double? min = null, double? max = null, int? count = null, string? reason = null) =>
        new(quantity, value, quantity.Unit(), quality, sensor, min, max, count, Parsing.WireFormat.FitReason(reason));
}
