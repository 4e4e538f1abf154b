namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>The ambient pressure Sensirion's photoacoustic CO₂ sensors (SCD4x, SEN66) compensate with: 700..1200 hPa,
/// one word in whole hPa. A live value is sent only when it moved by that resolution or more (weather changes it
/// slowly, and each command costs a bus transfer); the last one is kept for every later set-up.</summary>
public sealed class PressureCompensation(string model, double? configured)
{
    public const double Min = 700, Max = 1200;

    /// <summary>The pressure the chip was last given (or is to be given at set-up), hPa.</summary>
    public double? Current { get; private set; } = configured;

    /// <summary>Whether a live value is worth sending: one the chip takes, 1 hPa or more from the current one.</summary>
    public bool IsNews(double hectopascal) =>
        hectopascal is >= Min and <= Max && (Current is not { } current || Math.Abs(hectopascal - current) >= 1);

    /// <summary>Keeps <paramref name="hectopascal"/> and gives the word to send.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The chip does not take it.</exception>
    public ushort Set(double hectopascal)
    {
        if (hectopascal is < Min or > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(hectopascal), hectopascal, $"the {model} takes {Min}..{Max} hPa");
        }
        Current = hectopascal;
        return Word(hectopascal);
    }

    /// <summary>The word: Pa/100, i.e. hPa.</summary>
    public static ushort Word(double hectopascal) => SensirionTicks.Round(hectopascal);

    /// <summary>A configured pressure's problem, for a settings class's validation.</summary>
    public static IEnumerable<(string Option, string Problem)> Validate(string option, double? hectopascal) =>
        hectopascal is < Min or > Max ? [(option, $"must be {Min}..{Max} hPa (got {hectopascal})")] : [];
}
