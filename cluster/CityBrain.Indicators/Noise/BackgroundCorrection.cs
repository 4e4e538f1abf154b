namespace CityBrain.Indicators.Noise;

/// <summary>What HJ 706-2014 makes of a measured level beside its background.</summary>
public enum BackgroundOutcome
{
    /// <summary>The source stands more than 10 dB above the background (§5.1): the measured level stands.</summary>
    NotNeeded,

    /// <summary>3 to 10 dB above the background (§5.2): corrected by Table 1 and rounded to a whole decibel (§5.4).</summary>
    Corrected,

    /// <summary>Less than 3 dB above the background (§5.3): no result; lower the background and measure again.</summary>
    MeasureAgain,
}

/// <param name="Difference">Measured minus background, rounded to a whole decibel (GB/T 8170) as Table 1 reads it.</param>
/// <param name="Correction">What Table 1 adds to the measured level: 0, −1, −2 or −3 dB.</param>
/// <param name="Level">The level to report: the measured level to 0.1 dB when no correction is needed, the corrected
/// level to a whole decibel, null when the source cannot be told from the background.</param>
public sealed record BackgroundCorrection(double Measured, double Background, int Difference, int Correction, BackgroundOutcome Outcome, double? Level)
{
    /// <summary>The source's level from a level measured with it and the background measured at the same point without
    /// it (HJ 706-2014 §5).</summary>
    public static BackgroundCorrection Apply(double measured, double background)
    {
        var difference = (int)Math.Round((decimal)measured - (decimal)background, 0, MidpointRounding.ToEven);
        return difference switch
        {
            > 10 => new(measured, background, difference, 0, BackgroundOutcome.NotNeeded, Decibels.Round(measured)),
            >= 3 => Corrected(measured, background, difference, difference switch { 3 => -3, <= 5 => -2, _ => -1 }),
            _ => new(measured, background, difference, 0, BackgroundOutcome.MeasureAgain, null),
        };
    }

    private static BackgroundCorrection Corrected(double measured, double background, int difference, int correction) =>
        new(measured, background, difference, correction, BackgroundOutcome.Corrected,
            (double)Math.Round((decimal)measured + correction, 0, MidpointRounding.ToEven));
}
