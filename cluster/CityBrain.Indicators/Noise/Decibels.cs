using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Noise;

/// <summary>Decibel arithmetic. Levels add as energies, never arithmetically: 60 dB and 70 dB for equal times make
/// 67.4 dB, not 65. <c>double</c> suffices: logarithms are inexact anyway and results are reported to 0.1 dB.</summary>
public static class Decibels
{
    /// <summary>LAeq of equally long levels: 10·lg(Σ 10^(0.1·L_i) / n). Null without levels.</summary>
    public static double? EnergyMean(IEnumerable<double> levels) => Means.Of(MeanKind.Energy, levels);

    /// <summary>Ldn: the day-night level with the 10 dB night penalty (HJ 640, ISO 1996-1),
    /// 10·lg[(T_d·10^(0.1·Ld) + T_n·10^(0.1·(Ln+10))) / (T_d + T_n)], with 16 and 8 hours by default.</summary>
    public static double DayNight(double day, double night, double dayHours = 16, double nightHours = 8) =>
        Means.Of(MeanKind.Energy, [(day, dayHours), (night + 10, nightHours)])!.Value;

    /// <summary>The level as reported, to 0.1 dB (GB/T 8170, half to even). Limits are compared with this value so that
    /// an alert agrees with the number on screen.</summary>
    public static double Round(double level) => (double)Math.Round((decimal)level, 1, MidpointRounding.ToEven);
}
