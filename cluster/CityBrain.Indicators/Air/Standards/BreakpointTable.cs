namespace CityBrain.Indicators.Air.Standards;

/// <summary>One band of a breakpoint column: concentrations [<see cref="Low"/>, <see cref="High"/>] map linearly onto
/// indices [<see cref="IndexLow"/>, <see cref="IndexHigh"/>].</summary>
internal readonly record struct Band(decimal Low, decimal High, int IndexLow, int IndexHigh);

/// <summary>A breakpoint column, interpolated exactly in <c>decimal</c>. The product is formed before the single
/// division: dividing first rounds the quotient, and a ceiling then turns an exact 30 into 31 (PM2.5 = 21).</summary>
internal sealed class BreakpointTable
{
    private readonly Band[] _bands;

    public BreakpointTable(IEnumerable<Band> bands)
    {
        _bands = [.. bands];
        if (_bands.Length == 0) throw new ArgumentException("a breakpoint column needs at least one band", nameof(bands));
    }

    /// <summary>A continuous column as HJ 633 prints it: node i has concentration <paramref name="concentrations"/>[i]
    /// and index <paramref name="indices"/>[i], and each band runs from one node to the next.</summary>
    public static BreakpointTable Continuous(int[] indices, decimal[] concentrations)
    {
        if (indices.Length != concentrations.Length) throw new ArgumentException("every node needs an index and a concentration");
        return new(Enumerable.Range(0, indices.Length - 1)
            .Select(i => new Band(concentrations[i], concentrations[i + 1], indices[i], indices[i + 1])));
    }

    public decimal Bottom => _bands[0].Low;

    public decimal Top => _bands[^1].High;

    /// <summary>The exact, unrounded index of a prepared concentration inside the column.</summary>
    /// <remarks>Bands are searched by their upper edge, so an exact breakpoint takes the lower band (the table is
    /// continuous or, after the EPA truncation, gap-free, so either neighbour gives the same value).</remarks>
    public decimal Interpolate(decimal concentration)
    {
        if (concentration < Bottom || concentration > Top)
        {
            throw new ArgumentOutOfRangeException(nameof(concentration), concentration, $"outside the column {Bottom}..{Top}");
        }
        var band = _bands.First(b => concentration <= b.High);
        return (band.IndexHigh - band.IndexLow) * (concentration - band.Low) / (band.High - band.Low) + band.IndexLow;
    }
}
