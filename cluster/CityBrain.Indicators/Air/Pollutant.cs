using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Indicators.Air;

/// <summary>The six pollutants of the air quality index. Concentrations are in the project's units: µg/m³, CO in mg/m³.</summary>
public enum Pollutant
{
    So2,
    No2,
    Pm10,
    Co,
    O3,
    Pm2_5,
}

/// <summary>The averaging time of a concentration.</summary>
public enum Averaging
{
    OneHour,
    EightHours,
    TwentyFourHours,
}

public static class Pollutants
{
    /// <summary><c>1h</c>, <c>8h</c> or <c>24h</c>.</summary>
    public static string Label(this Averaging averaging) => averaging switch
    {
        Averaging.OneHour => "1h",
        Averaging.EightHours => "8h",
        Averaging.TwentyFourHours => "24h",
        _ => throw new ArgumentOutOfRangeException(nameof(averaging), averaging, null),
    };

    public static IReadOnlyList<Pollutant> All { get; } = Enum.GetValues<Pollutant>();

    public static Quantity Quantity(this Pollutant pollutant) => pollutant switch
    {
        Pollutant.So2 => Contracts.Vocabulary.Quantity.So2,
        Pollutant.No2 => Contracts.Vocabulary.Quantity.No2,
        Pollutant.Pm10 => Contracts.Vocabulary.Quantity.Pm10,
        Pollutant.Co => Contracts.Vocabulary.Quantity.Co,
        Pollutant.O3 => Contracts.Vocabulary.Quantity.O3,
        Pollutant.Pm2_5 => Contracts.Vocabulary.Quantity.Pm2_5,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, null),
    };

    /// <summary>The pollutant a reported quantity measures, or null for quantities outside the index.</summary>
    public static Pollutant? PollutantOf(this Quantity quantity) => quantity switch
    {
        Contracts.Vocabulary.Quantity.So2 => Pollutant.So2,
        Contracts.Vocabulary.Quantity.No2 => Pollutant.No2,
        Contracts.Vocabulary.Quantity.Pm10 => Pollutant.Pm10,
        Contracts.Vocabulary.Quantity.Co => Pollutant.Co,
        Contracts.Vocabulary.Quantity.O3 => Pollutant.O3,
        Contracts.Vocabulary.Quantity.Pm2_5 => Pollutant.Pm2_5,
        _ => null,
    };

    /// <summary>Display name as the standards print it, e.g. <c>PM2.5</c>.</summary>
    public static string DisplayName(this Pollutant pollutant) => pollutant switch
    {
        Pollutant.So2 => "SO2",
        Pollutant.No2 => "NO2",
        Pollutant.Pm10 => "PM10",
        Pollutant.Co => "CO",
        Pollutant.O3 => "O3",
        Pollutant.Pm2_5 => "PM2.5",
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, null),
    };
}

/// <summary>A pollutant over an averaging time: one item of an AQI report, e.g. O3 8h.</summary>
public readonly record struct Measure(Pollutant Pollutant, Averaging Averaging)
{
    public static Measure OneHour(Pollutant pollutant) => new(pollutant, Averaging.OneHour);

    public static Measure EightHours(Pollutant pollutant) => new(pollutant, Averaging.EightHours);

    public static Measure TwentyFourHours(Pollutant pollutant) => new(pollutant, Averaging.TwentyFourHours);

    /// <summary>E.g. <c>O3-8h</c>, <c>PM2.5-1h</c>.</summary>
    public override string ToString() => $"{Pollutant.DisplayName()}-{Averaging.Label()}";
}
