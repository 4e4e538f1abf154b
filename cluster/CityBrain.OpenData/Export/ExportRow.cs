using CityBrain.Indicators.History;

namespace CityBrain.OpenData.Export;

/// <summary>One period of one metric at one place, as a row of an export: the history API's point with the place,
/// the unit, the local label and the validity flag spelt out, so the file stands on its own.</summary>
/// <param name="Start">UTC start of the hour, or the instant of local midnight that starts the day, as the history API
/// names the period.</param>
/// <param name="LocalLabel">The hour by its end on the local clock (<c>2026-03-01 24:00</c> for 23:00–24:00), or the
/// local date of a day.</param>
/// <param name="Value">Null when the period is not <see cref="ValidityFlag.Valid"/>: never a zero.</param>
/// <param name="Count">The valid values behind the point (readings of an hour, hours of a day); 0 when missing.</param>
/// <param name="RuleSet">The AQI rule set that computed an AQI point, e.g. <c>HJ633-2026</c>.</param>
public sealed record ExportRow(
    ExportPlace Place,
    string Metric,
    string? Unit,
    HistoryResolution Step,
    DateTimeOffset Start,
    string LocalLabel,
    double? Value,
    int Count,
    ValidityFlag Flag,
    string? RuleSet);

/// <summary>Whether a period's value meets the data validity rules (GB 3095-2012 §8 Table 4, HJ 663).</summary>
public enum ValidityFlag
{
    /// <summary>Enough valid data behind it: the value is published.</summary>
    Valid,

    /// <summary>The period was computed but had fewer valid values than the standard requires: no value.</summary>
    Insufficient,

    /// <summary>Nothing was stored for the period (no data, or not computed yet): no value.</summary>
    Missing,
}
