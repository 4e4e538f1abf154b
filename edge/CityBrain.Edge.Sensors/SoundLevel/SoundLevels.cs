namespace CityBrain.Edge.Sensors.SoundLevel;

/// <summary>Sound levels are logarithmic: they average as energies, never arithmetically.</summary>
public static class SoundLevels
{
    /// <summary>Leq = 10·log10(mean(10^(L/10))); 60 and 70 dB give 67.4 dB, not 65.</summary>
    public static double EnergyMean(IReadOnlyCollection<double> levels) =>
        10 * Math.Log10(levels.Average(level => Math.Pow(10, level / 10)));
}
