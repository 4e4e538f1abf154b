namespace CityBrain.Indicators.Air.Standards;

/// <summary>One breakpoint column of a standard and how a raw concentration is made ready for it.</summary>
/// <param name="Prepare">From the project's unit (µg/m³, CO mg/m³) to the value the table is read with: GB/T 8170
/// rounding for HJ 633, unit conversion and truncation for the EPA.</param>
/// <param name="Unit">Unit of the prepared value.</param>
/// <param name="Limit">The highest prepared concentration whose index does not exceed 100: the limit an exceedance
/// alert compares with.</param>
/// <param name="AboveTop">What a prepared concentration above the column's top breakpoint yields.</param>
internal sealed record IaqiColumn(
    string Name,
    BreakpointTable Table,
    Func<decimal, decimal> Prepare,
    string Unit,
    decimal Limit,
    OverRange AboveTop);

/// <summary>The rule for a concentration above the top breakpoint of its column.</summary>
internal abstract record OverRange
{
    /// <summary>The index is fixed at the top of the scale ("爆表", "Beyond the AQI").</summary>
    public sealed record Cap(int Index) : OverRange;

    /// <summary>The standard names a fixed index (HJ 633-2026: SO2 1h → 200, O3 8h → 300).</summary>
    public sealed record Fixed(int Index) : OverRange;

    /// <summary>The index comes from another averaging time of the same pollutant read in its own column (HJ 633-2012);
    /// without that concentration, or where it has no index, the index is <paramref name="Otherwise"/>, or absent (EPA SO2: 200).</summary>
    public sealed record Substitute(Measure Source, IaqiColumn Column, int? Otherwise = null) : OverRange;
}

/// <summary>An item of a report: the measure it reports, the measure whose concentration it reads and the column it
/// reads it in. The real-time report reads the PM 1h value in the 24h column, for instance.</summary>
internal sealed record AqiItem(Measure Item, Measure Source, IaqiColumn Column)
{
    public AqiItem(Measure item, IaqiColumn column) : this(item, item, column)
    {
    }
}
