namespace CityBrain.Indicators.Air.Standards;

/// <summary>The US EPA AQI of the May 2024 Technical Assistance Document (EPA-454/B-24-002; reference §8).</summary>
internal static class UsEpa2024
{
    // Molar volume at 25 °C and 1 atm, and molar masses: µg/m³ → ppb is c · 24.45 / M.
    private const decimal MolarVolume = 24.45m;
    private const decimal O3Mass = 48.00m, No2Mass = 46.01m, So2Mass = 64.07m, CoMass = 28.01m;
    private static readonly OverRange Cap = new OverRange.Cap(500);
    // Declared before the columns: static fields initialise in text order.
    private static readonly (int Low, int High)[] Indices = [(0, 50), (51, 100), (101, 150), (151, 200), (201, 300), (301, 500)];

    private static readonly IaqiColumn Pm25 = Column("PM2.5 24h", "µg/m³", c => c, decimals: 1, limit: 35.4m, Cap,
        (0.0m, 9.0m), (9.1m, 35.4m), (35.5m, 55.4m), (55.5m, 125.4m), (125.5m, 225.4m), (225.5m, 325.4m));

    private static readonly IaqiColumn Pm10 = Column("PM10 24h", "µg/m³", c => c, decimals: 0, limit: 154m, Cap,
        (0m, 54m), (55m, 154m), (155m, 254m), (255m, 354m), (355m, 424m), (425m, 604m));

    // The 1h O3 table starts at AQI 101: below 0.125 ppm the 8h value alone decides.
    private static readonly IaqiColumn O3Hour = Column("O3 1h", "ppm", c => c * MolarVolume / (O3Mass * 1000), decimals: 3, limit: 0.124m, Cap,
        null, null, (0.125m, 0.164m), (0.165m, 0.204m), (0.205m, 0.404m), (0.405m, 0.604m));

    // 8h values do not define an AQI above 300: above 0.200 ppm the 1h value is read instead.
    private static readonly IaqiColumn O3EightHours = Column("O3 8h", "ppm", c => c * MolarVolume / (O3Mass * 1000), decimals: 3, limit: 0.070m,
        new OverRange.Substitute(Measure.OneHour(Pollutant.O3), O3Hour),
        (0.000m, 0.054m), (0.055m, 0.070m), (0.071m, 0.085m), (0.086m, 0.105m), (0.106m, 0.200m));

    private static readonly IaqiColumn Co = Column("CO 8h", "ppm", c => c * MolarVolume / CoMass, decimals: 1, limit: 9.4m, Cap,
        (0.0m, 4.4m), (4.5m, 9.4m), (9.5m, 12.4m), (12.5m, 15.4m), (15.5m, 30.4m), (30.5m, 50.4m));

    // The two top SO2 rows are 24h concentrations; a 1h value above 304 ppb with no 24h value of 305 or more is 200.
    private static readonly IaqiColumn So2Day = Column("SO2 24h", "ppb", c => c * MolarVolume / So2Mass, decimals: 0, limit: 304m, Cap,
        null, null, null, null, (305m, 604m), (605m, 1004m));

    private static readonly IaqiColumn So2Hour = Column("SO2 1h", "ppb", c => c * MolarVolume / So2Mass, decimals: 0, limit: 75m,
        new OverRange.Substitute(Measure.TwentyFourHours(Pollutant.So2), So2Day, Otherwise: 200),
        (0m, 35m), (36m, 75m), (76m, 185m), (186m, 304m));

    private static readonly IaqiColumn No2 = Column("NO2 1h", "ppb", c => c * MolarVolume / No2Mass, decimals: 0, limit: 100m, Cap,
        (0m, 53m), (54m, 100m), (101m, 360m), (361m, 649m), (650m, 1249m), (1250m, 2049m));

    /// <summary>The EPA has no separate real-time table (US real-time reporting uses the NowCast, which this project
    /// does not implement), so both periods read the same items: the averages ending at the hour, or the day's.</summary>
    public static AqiStandard Standard { get; } = Build();

    private static AqiStandard Build()
    {
        AqiItem[] items =
        [
            new(Measure.TwentyFourHours(Pollutant.Pm2_5), Pm25),
            new(Measure.TwentyFourHours(Pollutant.Pm10), Pm10),
            new(Measure.EightHours(Pollutant.O3), O3EightHours),
            new(Measure.OneHour(Pollutant.O3), O3Hour),
            new(Measure.EightHours(Pollutant.Co), Co),
            new(Measure.OneHour(Pollutant.So2), So2Hour),
            new(Measure.OneHour(Pollutant.No2), No2),
        ];
        // "Round to the nearest whole number", ties up: the C# default (to even) would report 104 for 104.5.
        // 40 CFR Part 58, Appendix G: every report names the pollutant with the highest index, whatever the AQI.
        return new AqiStandard(AqiRuleSet.UsEpa2024, items, items,
            index => (int)Math.Round(index, MidpointRounding.AwayFromZero), AqiCategories.UsEpa, primaryPollutantAbove: null);
    }

    /// <summary>A column whose band i (null where the column does not define that band) maps onto the i-th AQI band.
    /// The concentration is converted first and then truncated, which closes the gaps between bands (9.0 | 9.1).</summary>
    private static IaqiColumn Column(string name, string unit, Func<decimal, decimal> convert, int decimals, decimal limit,
        OverRange aboveTop, params (decimal Low, decimal High)?[] bands) => new(
        name,
        new BreakpointTable(bands
            .Select((band, i) => band is { } b ? new Band(b.Low, b.High, Indices[i].Low, Indices[i].High) : (Band?)null)
            .OfType<Band>()),
        c => Math.Round(convert(c), decimals, MidpointRounding.ToZero),
        unit,
        limit,
        aboveTop);
}
