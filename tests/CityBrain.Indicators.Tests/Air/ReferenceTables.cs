using CityBrain.Indicators.Air;

namespace CityBrain.Indicators.Tests.Air;

/// <summary>The breakpoint tables as printed in reference/indicators.md §2 and §8, typed here independently of the
/// production tables so that a typo on either side fails a test.</summary>
internal static class ReferenceTables
{
    public static readonly int[] ChinaIndices = [0, 50, 100, 150, 200, 300, 400, 500];

    /// <summary>A China column: the period and measure that read it, its nodes, and the unit step of its rounding
    /// (1 µg/m³, CO 0.1 mg/m³). Columns that end below IAQI 500 are the two with special rules.</summary>
    public sealed record ChinaColumn(string Name, AqiPeriod Period, Measure Measure, decimal[] Nodes, decimal Step);

    public static IEnumerable<ChinaColumn> China(AqiRuleSet version)
    {
        var pm10 = version == AqiRuleSet.Hj633_2012 ? new decimal[] { 0, 50, 150, 250, 350, 420, 500, 600 } : [0, 50, 120, 250, 350, 420, 500, 600];
        var pm25 = version == AqiRuleSet.Hj633_2012 ? new decimal[] { 0, 35, 75, 115, 150, 250, 350, 500 } : [0, 35, 60, 115, 150, 250, 350, 500];
        return
        [
            new("SO2 24h", AqiPeriod.Day, Measure.TwentyFourHours(Pollutant.So2), [0, 50, 150, 475, 800, 1600, 2100, 2620], 1),
            new("SO2 1h", AqiPeriod.Hour, Measure.OneHour(Pollutant.So2), [0, 150, 500, 650, 800], 1),
            new("NO2 24h", AqiPeriod.Day, Measure.TwentyFourHours(Pollutant.No2), [0, 40, 80, 180, 280, 565, 750, 940], 1),
            new("NO2 1h", AqiPeriod.Hour, Measure.OneHour(Pollutant.No2), [0, 100, 200, 700, 1200, 2340, 3090, 3840], 1),
            new("PM10 24h", AqiPeriod.Day, Measure.TwentyFourHours(Pollutant.Pm10), pm10, 1),
            new("PM10 1h in the 24h column", AqiPeriod.Hour, Measure.OneHour(Pollutant.Pm10), pm10, 1),
            new("CO 24h", AqiPeriod.Day, Measure.TwentyFourHours(Pollutant.Co), [0, 2, 4, 14, 24, 36, 48, 60], 0.1m),
            new("CO 1h", AqiPeriod.Hour, Measure.OneHour(Pollutant.Co), [0, 5, 10, 35, 60, 90, 120, 150], 0.1m),
            new("O3 1h", AqiPeriod.Hour, Measure.OneHour(Pollutant.O3), [0, 160, 200, 300, 400, 800, 1000, 1200], 1),
            new("O3 1h daily max", AqiPeriod.Day, Measure.OneHour(Pollutant.O3), [0, 160, 200, 300, 400, 800, 1000, 1200], 1),
            new("O3 8h", AqiPeriod.Day, Measure.EightHours(Pollutant.O3), [0, 100, 160, 215, 265, 800], 1),
            new("PM2.5 24h", AqiPeriod.Day, Measure.TwentyFourHours(Pollutant.Pm2_5), pm25, 1),
            new("PM2.5 1h in the 24h column", AqiPeriod.Hour, Measure.OneHour(Pollutant.Pm2_5), pm25, 1),
        ];
    }

    /// <summary>An EPA column in its native unit: bands (null where the column has none) against the AQI bands
    /// 0–50, 51–100, 101–150, 151–200, 201–300, 301–500; <see cref="Step"/> is the truncation unit.</summary>
    public sealed record EpaColumn(string Name, Measure Measure, decimal Step, (decimal Low, decimal High)?[] Bands);

    public static readonly (int Low, int High)[] EpaIndices = [(0, 50), (51, 100), (101, 150), (151, 200), (201, 300), (301, 500)];

    public static IEnumerable<EpaColumn> Epa() =>
    [
        new("PM2.5 24h", Measure.TwentyFourHours(Pollutant.Pm2_5), 0.1m, [(0.0m, 9.0m), (9.1m, 35.4m), (35.5m, 55.4m), (55.5m, 125.4m), (125.5m, 225.4m), (225.5m, 325.4m)]),
        new("PM10 24h", Measure.TwentyFourHours(Pollutant.Pm10), 1, [(0, 54), (55, 154), (155, 254), (255, 354), (355, 424), (425, 604)]),
        new("O3 8h", Measure.EightHours(Pollutant.O3), 0.001m, [(0.000m, 0.054m), (0.055m, 0.070m), (0.071m, 0.085m), (0.086m, 0.105m), (0.106m, 0.200m), null]),
        new("O3 1h", Measure.OneHour(Pollutant.O3), 0.001m, [null, null, (0.125m, 0.164m), (0.165m, 0.204m), (0.205m, 0.404m), (0.405m, 0.604m)]),
        new("CO 8h", Measure.EightHours(Pollutant.Co), 0.1m, [(0.0m, 4.4m), (4.5m, 9.4m), (9.5m, 12.4m), (12.5m, 15.4m), (15.5m, 30.4m), (30.5m, 50.4m)]),
        new("SO2 1h", Measure.OneHour(Pollutant.So2), 1, [(0, 35), (36, 75), (76, 185), (186, 304), null, null]),
        new("NO2 1h", Measure.OneHour(Pollutant.No2), 1, [(0, 53), (54, 100), (101, 360), (361, 649), (650, 1249), (1250, 2049)]),
    ];

    /// <summary>A project-unit concentration (µg/m³, CO mg/m³) that converts and truncates to exactly
    /// <paramref name="native"/> ppb/ppm (µg/m³ for PM): a hair above the exact inverse, so that the decimal division
    /// cannot land just below it.</summary>
    public static decimal ProjectUnits(Pollutant pollutant, decimal native) => pollutant switch
    {
        Pollutant.Pm2_5 or Pollutant.Pm10 => native,
        Pollutant.O3 => (native * 1000 + 0.0001m) * 48.00m / 24.45m,
        Pollutant.No2 => (native + 0.0001m) * 46.01m / 24.45m,
        Pollutant.So2 => (native + 0.0001m) * 64.07m / 24.45m,
        Pollutant.Co => (native + 0.00001m) * 28.01m / 24.45m,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant)),
    };
}
