using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>What a Sensirion optical particle sensor reports from one count: mass concentrations in four sizes (µg/m³)
/// and cumulative number concentrations (particles per cm³ from 0.3 µm up to the size named). Every size comes from
/// the same sample, so pm1 ≤ pm2.5 ≤ pm4 ≤ pm10 and nc0.5 ≤ nc1 ≤ nc2.5 ≤ nc4 ≤ nc10 always.</summary>
internal readonly record struct Particles(
    double Pm1, double Pm2_5, double Pm4, double Pm10,
    double Nc0_5, double Nc1, double Nc2_5, double Nc4, double Nc10)
{
    public static readonly IReadOnlySet<Quantity> Sizes = new HashSet<Quantity>
    {
        Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10,
        Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10,
    };

    // Particles per cm³ for each µg/m³ in a size bin: the mass of one particle of the bin's typical diameter (density
    // 1.65 g/cm³) is about 0.08 pg at 0.45 µm, 3.5 pg at 1.6 µm, 23 pg at 3 µm and 190 pg at 6 µm. Urban fine
    // particles are mostly below 1 µm, so the counts are nearly all there.
    private const double CountPerMassBelow1 = 11;
    private const double CountPerMass1To2_5 = 0.28;
    private const double CountPerMass2_5To4 = 0.043;
    private const double CountPerMass4To10 = 0.0054;

    /// <param name="pm25">PM2.5 of the sample, µg/m³.</param>
    /// <param name="coarseRatio">The district's usual PM10 / PM2.5.</param>
    /// <param name="traffic">Traffic now (road dust raises the coarse share).</param>
    /// <param name="episode">The episode load: haze is fine and aged, its particles larger, so fewer per µg.</param>
    /// <param name="fineSite">The site's own fine share (a normal deviate).</param>
    /// <param name="coarseSite">The site's own coarse share (a normal deviate).</param>
    /// <param name="coarseWindow">The window's gusts of dust (a normal deviate).</param>
    public static Particles Sample(double pm25, double coarseRatio, double traffic, double episode, double fineSite, double coarseSite, double coarseWindow)
    {
        var fineShare = Math.Min(0.9, (0.66 + 0.08 * episode / (1 + episode)) * Math.Exp(0.04 * fineSite));
        var coarse = (coarseRatio * (1 + 0.08 * traffic) * (1 + 0.8 * episode) / (1 + episode) - 1) * Math.Exp(0.2 * coarseSite + 0.1 * coarseWindow);
        var pm1 = pm25 * fineShare;
        var pm10 = pm25 * (1 + Math.Max(0.05, coarse));
        var pm4 = pm25 + 0.3 * (pm10 - pm25);
        var below1 = pm1 * CountPerMassBelow1 / (1 + 0.12 * episode);
        var nc2_5 = below1 + (pm25 - pm1) * CountPerMass1To2_5;
        var nc4 = nc2_5 + (pm4 - pm25) * CountPerMass2_5To4;
        return new Particles(pm1, pm25, pm4, pm10,
            Nc0_5: below1 * (0.82 - 0.04 * episode / (1 + episode)), Nc1: below1, nc2_5, nc4, Nc10: nc4 + (pm10 - pm4) * CountPerMass4To10);
    }

    public double Of(Quantity quantity) => quantity switch
    {
        Quantity.Pm1 => Pm1,
        Quantity.Pm2_5 => Pm2_5,
        Quantity.Pm4 => Pm4,
        Quantity.Pm10 => Pm10,
        Quantity.Nc0_5 => Nc0_5,
        Quantity.Nc1 => Nc1,
        Quantity.Nc2_5 => Nc2_5,
        Quantity.Nc4 => Nc4,
        Quantity.Nc10 => Nc10,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "not a particle size"),
    };
}
