using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Noise;

/// <summary>Decibel arithmetic. Levels add as energies, never arithmetically: 60 dB and 70 dB for equal times make
/// 67.4 dB, not 65. <c>double</c> suffices: logarithms are inexact anyway and results are reported to 0.1 dB.</summary>
public static class Decibels
{
    /// <summary>LAeq of equally long levels: 10·lg(Σ 10^(0.1·L_i) / n). Null without levels.</summary>
    public static double? EnergyMean(IEnumerable<double> levels) => Means.Of(MeanKind.Energy, levels);

    /// <summary>The level of simultaneous sources together: 10·lg Σ 10^(0.1·L_i) (70 and 65 dB make 71.2 dB). Null
    /// without levels.</summary>
    public static double? Sum(IEnumerable<double> levels)
    {
        var energy = 0.0;
        var any = false;
        foreach (var level in levels)
        {
            energy += Math.Pow(10, 0.1 * level);
            any = true;
        }
        return any ? 10 * Math.Log10(energy) : null;
    }

    /// <summary>The level of one source from the total and the rest: 10·lg(10^(0.1·total) − 10^(0.1·rest)), the exact
    /// form HJ 706-2014's correction table approximates. Null when the rest is not below the total: nothing is left
    /// that could be told apart.</summary>
    public static double? Difference(double total, double rest) =>
        rest < total ? 10 * Math.Log10(Math.Pow(10, 0.1 * total) - Math.Pow(10, 0.1 * rest)) : null;

    /// <summary>Ldn: the day-night level with the 10 dB night penalty (HJ 640, ISO 1996-1),
    /// 10·lg[(T_d·10^(0.1·Ld) + T_n·10^(0.1·(Ln+10))) / (T_d + T_n)], with 16 and 8 hours by default.</summary>
    public static double DayNight(double day, double night, double dayHours = 16, double nightHours = 8) =>
        Means.Of(MeanKind.Energy, [(day, dayHours), (night + 10, nightHours)])!.Value;

    /// <summary>The level as reported, to 0.1 dB (GB/T 8170, half to even). Limits are compared with this value so that
    /// an alert agrees with the number on screen.</summary>
    public static double Round(double level) => (double)Math.Round((decimal)level, 1, MidpointRounding.ToEven);
}
