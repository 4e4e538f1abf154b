namespace CityBrain.Indicators.Air.Standards;

/// <summary>HJ 633-2012 Table 1 and its 2026 revision (reference §2). The two differ only in the PM columns and in the
/// rules for SO2 1h and O3 8h above 800 µg/m³.</summary>
internal static class ChinaHj633
{
    private const string Micrograms = "µg/m³";
    private const string Milligrams = "mg/m³";
    private static readonly int[] Nodes = [0, 50, 100, 150, 200, 300, 400, 500];
    private static readonly OverRange Cap = new OverRange.Cap(500);

    private static readonly IaqiColumn So2Day = Column("SO2 24h", [0, 50, 150, 475, 800, 1600, 2100, 2620]);
    private static readonly IaqiColumn No2Day = Column("NO2 24h", [0, 40, 80, 180, 280, 565, 750, 940]);
    private static readonly IaqiColumn No2Hour = Column("NO2 1h", [0, 100, 200, 700, 1200, 2340, 3090, 3840]);
    private static readonly IaqiColumn CoDay = Column("CO 24h", [0, 2, 4, 14, 24, 36, 48, 60], decimals: 1, unit: Milligrams);
    private static readonly IaqiColumn CoHour = Column("CO 1h", [0, 5, 10, 35, 60, 90, 120, 150], decimals: 1, unit: Milligrams);
    private static readonly IaqiColumn O3Hour = Column("O3 1h", [0, 160, 200, 300, 400, 800, 1000, 1200]);
    private static readonly decimal[] So2HourNodes = [0, 150, 500, 650, 800];
    private static readonly decimal[] O3EightHourNodes = [0, 100, 160, 215, 265, 800];

    public static AqiStandard Version2012 { get; } = Build(
        AqiRuleSet.Hj633_2012,
        pm10Day: Column("PM10 24h", [0, 50, 150, 250, 350, 420, 500, 600]),
        pm25Day: Column("PM2.5 24h", [0, 35, 75, 115, 150, 250, 350, 500]),
        so2HourAbove800: new OverRange.Substitute(Measure.TwentyFourHours(Pollutant.So2), So2Day),
        o3EightHourAbove800: new OverRange.Substitute(Measure.OneHour(Pollutant.O3), O3Hour),
        dailyReadsO3OneHour: true);

    public static AqiStandard Version2026 { get; } = Build(
        AqiRuleSet.Hj633_2026,
        pm10Day: Column("PM10 24h", [0, 50, 120, 250, 350, 420, 500, 600]),
        pm25Day: Column("PM2.5 24h", [0, 35, 60, 115, 150, 250, 350, 500]),
        so2HourAbove800: new OverRange.Fixed(200),
        o3EightHourAbove800: new OverRange.Fixed(300),
        dailyReadsO3OneHour: true);

    /// <param name="dailyReadsO3OneHour">Whether the day's maximum 1h O3 is an item of the daily AQI. HJ 633-2012 §5
    /// lists it among the seven items of the daily report, and the AQI is the maximum over the report's items, so it
    /// counts; the 2026 text is not yet verified to differ. Kept per version so that a change stays local.</param>
    private static AqiStandard Build(AqiRuleSet ruleSet, IaqiColumn pm10Day, IaqiColumn pm25Day,
        OverRange so2HourAbove800, OverRange o3EightHourAbove800, bool dailyReadsO3OneHour)
    {
        var so2Hour = Column("SO2 1h", So2HourNodes, aboveTop: so2HourAbove800);
        var o3EightHours = Column("O3 8h", O3EightHourNodes, aboveTop: o3EightHourAbove800);

        // Real-time report (CNEMC practice, explicit in HJ 633-2026): every item is the hour's value; PM is read in
        // the 24h column because no 1h PM column exists.
        AqiItem[] hour =
        [
            new(Measure.OneHour(Pollutant.So2), so2Hour),
            new(Measure.OneHour(Pollutant.No2), No2Hour),
            new(Measure.OneHour(Pollutant.Pm10), pm10Day),
            new(Measure.OneHour(Pollutant.Co), CoHour),
            new(Measure.OneHour(Pollutant.O3), O3Hour),
            new(Measure.OneHour(Pollutant.Pm2_5), pm25Day),
        ];
        AqiItem[] day =
        [
            new(Measure.TwentyFourHours(Pollutant.So2), So2Day),
            new(Measure.TwentyFourHours(Pollutant.No2), No2Day),
            new(Measure.TwentyFourHours(Pollutant.Pm10), pm10Day),
            new(Measure.TwentyFourHours(Pollutant.Co), CoDay),
            new(Measure.EightHours(Pollutant.O3), o3EightHours),
            .. dailyReadsO3OneHour ? [new AqiItem(Measure.OneHour(Pollutant.O3), O3Hour)] : Array.Empty<AqiItem>(),
            new(Measure.TwentyFourHours(Pollutant.Pm2_5), pm25Day),
        ];
        // HJ 633-2026 §4.2.6: "全部向上进位取整数"; CNEMC applies the same ceiling to 2012 data.
        // §3.3 (首要污染物): a primary pollutant is named only when the AQI is above 50.
        return new AqiStandard(ruleSet, hour, day, index => (int)Math.Ceiling(index), AqiCategories.China, primaryPollutantAbove: 50);
    }

    /// <summary>A column of HJ 633's continuous table. Concentrations are rounded per GB/T 8170 (round half to even)
    /// before they are read: µg/m³ to whole numbers, CO to 0.1 mg/m³.</summary>
    private static IaqiColumn Column(string name, decimal[] concentrations, int decimals = 0, string unit = Micrograms, OverRange? aboveTop = null) => new(
        name,
        BreakpointTable.Continuous(Nodes[..concentrations.Length], concentrations),
        c => Math.Round(c, decimals, MidpointRounding.ToEven),
        unit,
        Limit: concentrations[Array.IndexOf(Nodes, 100)],
        aboveTop ?? Cap);
}
