using System.Collections.Concurrent;
using System.Collections.Frozen;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Chips.Physical;

/// <summary>A settable world: each quantity follows its own function of time, or a calm city's value when none is set.
/// Tests change a value while a driver keeps reading; a simulated gateway uses <see cref="CityDay"/>.</summary>
public sealed class Ambient : IAmbient
{
    /// <summary>A calm day in a mid-size city.</summary>
    public static FrozenDictionary<Quantity, double> Calm { get; } = new Dictionary<Quantity, double>
    {
        [Quantity.Temperature] = 20,
        [Quantity.Humidity] = 50,
        [Quantity.Pressure] = 1013.25,
        [Quantity.Pm1] = 12,
        [Quantity.Pm2_5] = 25,
        [Quantity.Pm10] = 40,
        [Quantity.Co2] = 420,
        [Quantity.Noise] = 55,
        [Quantity.Illuminance] = 500,
        [Quantity.No2] = 40,
        [Quantity.O3] = 60,
        [Quantity.So2] = 10,
        [Quantity.Co] = 0.8,
        [Quantity.Pm4] = 33,
        [Quantity.Nc0_5] = 170,
        [Quantity.Nc1] = 195,
        [Quantity.Nc2_5] = 200,
        [Quantity.Nc4] = 201,
        [Quantity.Nc10] = 201,
        [Quantity.VocIndex] = 100,
        [Quantity.NoxIndex] = 1,
        [Quantity.VocRaw] = 29_000,
        [Quantity.NoxRaw] = 16_000,
    }.ToFrozenDictionary();

    private readonly ConcurrentDictionary<Quantity, Func<DateTimeOffset, double>> _sources = new();

    public Ambient Set(Quantity quantity, double value) => Set(quantity, _ => value);

    public Ambient Set(Quantity quantity, Func<DateTimeOffset, double> source)
    {
        _sources[quantity] = source;
        return this;
    }

    public double Value(Quantity quantity, DateTimeOffset at) =>
        _sources.TryGetValue(quantity, out var source) ? source(at) : Calm[quantity];

    /// <summary>Daily cycles around <see cref="Calm"/>: warmest and driest mid-afternoon, light by day, traffic noise
    /// and NO₂ in the rush hours, ozone after noon; so that a simulated gateway reports living values.</summary>
    /// <param name="utcOffset">The site's offset from UTC, e.g. 8 h for Beijing.</param>
    public static Ambient CityDay(TimeSpan utcOffset)
    {
        static double Hour(DateTimeOffset at, TimeSpan offset) => at.ToOffset(offset).TimeOfDay.TotalHours;
        static double Cycle(double hour, double peak) => Math.Cos((hour - peak) / 24 * 2 * Math.PI);
        static double Rush(double hour) => Math.Exp(-Math.Pow(hour - 8, 2) / 2) + Math.Exp(-Math.Pow(hour - 18, 2) / 2);
        return new Ambient()
            .Set(Quantity.Temperature, at => 18 + 6 * Cycle(Hour(at, utcOffset), 15))
            .Set(Quantity.Humidity, at => 55 - 15 * Cycle(Hour(at, utcOffset), 15))
            .Set(Quantity.Illuminance, at => Math.Max(0, 20_000 * Cycle(Hour(at, utcOffset), 12.5)))
            .Set(Quantity.Noise, at => 48 + 8 * Math.Max(0, Cycle(Hour(at, utcOffset), 13)) + 6 * Rush(Hour(at, utcOffset)))
            .Set(Quantity.No2, at => 30 + 35 * Rush(Hour(at, utcOffset)))
            .Set(Quantity.O3, at => 50 + 40 * Math.Max(0, Cycle(Hour(at, utcOffset), 15)))
            .Set(Quantity.Pm2_5, at => 30 + 15 * Rush(Hour(at, utcOffset)))
            .Set(Quantity.Pm10, at => 50 + 25 * Rush(Hour(at, utcOffset)))
            .Set(Quantity.Pm1, at => 18 + 8 * Rush(Hour(at, utcOffset)));
    }
}
