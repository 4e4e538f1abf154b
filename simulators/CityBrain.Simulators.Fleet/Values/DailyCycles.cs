namespace CityBrain.Simulators.Fleet.Values;

/// <summary>The shapes of a city's day, by local hour (0–24). Each is about 0 when quiet and about 1 at its height.</summary>
internal static class DailyCycles
{
    /// <summary>Road traffic: a sharp morning rush at 08:00, a broader evening one around 18:30, busy in between and
    /// nearly empty after midnight.</summary>
    public static double Traffic(double hour) => Peak(hour, 8, 1.2) + 0.9 * Peak(hour, 18.5, 1.6) + 0.45 * Daytime(hour);

    /// <summary>People awake and about: 0 from about 23:00 to 06:00, 1 from about 08:00 to 21:00.</summary>
    public static double Daytime(double hour) => Logistic((hour - 6.5) / 0.7) * Logistic((21.5 - hour) / 0.8);

    /// <summary>The stable night-time boundary layer that traps what the day emitted, highest after midnight.</summary>
    public static double NightInversion(double hour) => Peak(hour, 1, 4.5);

    /// <summary>Afternoon convection mixing the air upwards and diluting ground-level particulates.</summary>
    public static double AfternoonMixing(double hour) => Peak(hour, 14, 2.5);

    /// <summary>Photochemical ozone builds after noon and peaks in the mid-afternoon.</summary>
    public static double OzoneBuild(double hour) => Peak(hour, 15, 2.8);

    /// <summary>The daily temperature swing: +1 at 14:30, −1 at 02:30.</summary>
    public static double Warmth(double hour) => Math.Cos(2 * Math.PI * (hour - 14.5) / 24);

    /// <summary>The semi-diurnal atmospheric tide, +1 at 10:00 and 22:00.</summary>
    public static double PressureTide(double hour) => Math.Cos(4 * Math.PI * (hour - 10) / 24);

    /// <summary>The day's average of <see cref="Traffic"/>: what a sensor that adapts to its site takes as usual.</summary>
    public static readonly double MeanTraffic = DayMean(Traffic);

    /// <summary>The day's average of <see cref="NightInversion"/>.</summary>
    public static readonly double MeanNightInversion = DayMean(NightInversion);

    /// <summary>A bump of height 1 around <paramref name="at"/>, wrapping over midnight.</summary>
    public static double Peak(double hour, double at, double width)
    {
        var d = Math.Abs(hour - at);
        d = Math.Min(d, 24 - d);
        return Math.Exp(-d * d / (2 * width * width));
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The mean over one day, sampled every five minutes.</summary>
    private static double DayMean(Func<double, double> cycle) => Enumerable.Range(0, 288).Average(i => cycle(i / 12.0));
}
