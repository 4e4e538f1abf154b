namespace CityBrain.Grains.Areas;

/// <summary>How many districts meet the limits of their own GB 3096 zone, by day and by night: what a place made of
/// districts in different zones can say about noise (a mean level across zones with different limits says nothing).
/// Counted from each district's latest Ld and Ln, and added up the tree.</summary>
/// <param name="Districts">Districts below the place.</param>
/// <param name="DayMeasured">Districts with a zone and a day level (Ld) to compare.</param>
/// <param name="DayOver">Of those, districts whose Ld is above their zone's day limit.</param>
[GenerateSerializer, Immutable, Alias("citybrain.NoiseCompliance.v1")]
public sealed record NoiseCompliance(
    [property: Id(0)] int Districts,
    [property: Id(1)] int DayMeasured,
    [property: Id(2)] int DayOver,
    [property: Id(3)] int NightMeasured,
    [property: Id(4)] int NightOver)
{
    public static NoiseCompliance None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>One district: its levels (rounded to 0.1 dB as reported) strictly above its zone's limits are over.</summary>
    public static NoiseCompliance OfDistrict(NoiseNow? noise)
    {
        var (dayMeasured, dayOver) = Compare(noise?.Ld, noise?.LimitDay);
        var (nightMeasured, nightOver) = Compare(noise?.Ln, noise?.LimitNight);
        return new NoiseCompliance(1, dayMeasured, dayOver, nightMeasured, nightOver);
    }

    public static NoiseCompliance Combine(IEnumerable<NoiseCompliance> parts) => parts.Aggregate(None, (sum, p) => new NoiseCompliance(
        sum.Districts + p.Districts, sum.DayMeasured + p.DayMeasured, sum.DayOver + p.DayOver, sum.NightMeasured + p.NightMeasured, sum.NightOver + p.NightOver));

    private static (int Measured, int Over) Compare(double? level, double? limit) =>
        level is { } l && limit is { } max ? (1, l > max ? 1 : 0) : (0, 0);
}
