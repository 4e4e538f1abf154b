using CityBrain.Bulletins.Model;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.Figures;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Bulletins.Composition;

/// <summary>A place's air over a period from its stored points: the daily AQI as stored, the primary pollutants
/// recomputed from the stored hourly means with the rule set that computed the stored AQI, exceedance hours from the
/// hourly AQI and sub-indices, and the HJ 663 statistics of a month or year.</summary>
internal sealed class AirFigures
{
    private static readonly Dictionary<string, Pollutant> SubIndexPollutants = Pollutants.All
        .SelectMany(p => Enum.GetValues<Averaging>().Select(a => new Measure(p, a)))
        .ToDictionary(HistoryMetrics.SubIndex, m => m.Pollutant, StringComparer.Ordinal);

    /// <summary>The statistics HJ 663 assesses, with the percentile each is judged by: 98th for SO2 and NO2, 95th for
    /// PM10, PM2.5 and CO (of daily means), 90th for O3 (of daily maximum 8-hour means); annual and monthly means for
    /// SO2, NO2, PM10 and PM2.5 only.</summary>
    private static readonly (Pollutant Pollutant, int Percentile, bool Mean)[] Assessed =
    [
        (Pollutant.Pm2_5, 95, true), (Pollutant.Pm10, 95, true), (Pollutant.So2, 98, true), (Pollutant.No2, 98, true),
        (Pollutant.Co, 95, false), (Pollutant.O3, 90, false),
    ];

    public static readonly string[] DailyMetrics =
        [HistoryMetrics.Aqi, .. Pollutants.All.Where(p => p != Pollutant.O3).Select(p => HistoryMetrics.Of(p.Quantity()))];

    public static readonly string[] HourlyMetrics =
        [HistoryMetrics.Aqi, .. SubIndexPollutants.Keys, .. Pollutants.All.Select(p => HistoryMetrics.Of(p.Quantity()))];

    private readonly LocalCalendar _calendar;
    private readonly BulletinPeriod _period;
    private readonly Dictionary<DateOnly, HistoryPoint> _dailyAqi = [];
    private readonly Dictionary<Pollutant, Dictionary<DateOnly, double>> _dailyMeans = [];
    private readonly Dictionary<Pollutant, HourlySeries> _hourly;
    private readonly IReadOnlyList<HistoryPoint> _hourlyPoints;

    public AirFigures(LocalCalendar calendar, BulletinPeriod period, IReadOnlyList<HistoryPoint> daily, IReadOnlyList<HistoryPoint> hourly)
    {
        _calendar = calendar;
        _period = period;
        _hourlyPoints = hourly;
        foreach (var point in daily.Where(p => p.Value is not null))
        {
            var day = calendar.DayOf(point.Start);
            if (point.Metric == HistoryMetrics.Aqi) _dailyAqi[day] = point;
            else if (PollutantOf(point.Metric) is { } pollutant)
            {
                (_dailyMeans.TryGetValue(pollutant, out var means) ? means : _dailyMeans[pollutant] = [])[day] = point.Value!.Value;
            }
        }
        _hourly = Pollutants.All.ToDictionary(p => p, p => HourlySeries.From(hourly.Where(h => h.Metric == HistoryMetrics.Of(p.Quantity()))));
    }

    private IEnumerable<DateOnly> Days()
    {
        for (var day = _period.First; day <= _period.Last; day = day.AddDays(1)) yield return day;
    }

    public AirSection Section()
    {
        var days = Days().Select(DayOf).ToList();
        var categories = days.Where(d => d.Aqi is not null)
            .Select(d => StandardOf(d).CategoryOf(d.Aqi!.Value))
            .GroupBy(c => c.Level)
            .OrderBy(g => g.Key)
            .Select(g => new CategoryDays(g.Key, g.First().NameZh, g.First().NameEn, g.First().Colour, g.Count()))
            .ToList();
        var primaries = days.SelectMany(d => d.PrimaryPollutants)
            .GroupBy(p => p)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PollutantCount(g.Key, g.Count()))
            .ToList();
        return new AirSection(days, categories, primaries);
    }

    private DayAir DayOf(DateOnly day)
    {
        if (!_dailyAqi.TryGetValue(day, out var stored)) return new DayAir(day, null, null, null, null, [], null);
        var aqi = (int)stored.Value!.Value;
        var standard = AqiRuleSets.TryParseId(stored.RuleSet, out var ruleSet) ? AqiStandards.Get(ruleSet) : AqiStandards.Hj633_2026;
        var category = standard.CategoryOf(aqi);
        // The day's report re-evaluated from the hourly means the grains computed it from, for its primary pollutants.
        var result = standard.Evaluate(AqiPeriod.Day, AirInputs.ForDay(_calendar, day, _hourly).Concentrations);
        var primaries = result.Aqi == aqi ? result.PrimaryPollutants.Select(m => m.ToString()).ToList() : [];
        return new DayAir(day, aqi, category.NameZh, category.NameEn, category.Colour, primaries, stored.RuleSet);
    }

    private static AqiStandard StandardOf(DayAir day) =>
        AqiRuleSets.TryParseId(day.RuleSet, out var ruleSet) ? AqiStandards.Get(ruleSet) : AqiStandards.Hj633_2026;

    public ExceedanceSection Exceedance()
    {
        var aqi = _hourlyPoints.Where(p => p.Metric == HistoryMetrics.Aqi && p.Value is not null).ToList();
        var pollutants = _hourlyPoints
            .Where(p => p.Value > 100 && SubIndexPollutants.ContainsKey(p.Metric))
            .GroupBy(p => SubIndexPollutants[p.Metric])
            // Two items of one pollutant over in the same hour (O3 1h and 8h) are one hour over.
            .Select(g => new PollutantCount(g.Key.DisplayName(), g.Select(p => p.Start).Distinct().Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Pollutant, StringComparer.Ordinal)
            .ToList();
        return new ExceedanceSection(aqi.Count, aqi.Count(p => p.Value > 100), pollutants);
    }

    public Hj663Statistics Statistics()
    {
        var days = _dailyAqi.ToDictionary(d => d.Key, d => new DailyAir(d.Value.Value,
            _dailyMeans.GetValueOrDefault(Pollutant.Pm2_5)?.TryGetValue(d.Key, out var pm) == true ? pm : null));
        foreach (var (day, pm25) in _dailyMeans.GetValueOrDefault(Pollutant.Pm2_5) ?? [])
        {
            days.TryAdd(day, new DailyAir(null, pm25));
        }
        var airDays = AirDays.Count(_period.First, _period.Last, days);
        var exceedance = airDays.ValidDays - airDays.GoodDays;
        return new Hj663Statistics(airDays, exceedance, airDays.ValidDays == 0 ? null : (double)exceedance / airDays.ValidDays,
            [.. Assessed.Select(a => Concentration(a.Pollutant, a.Percentile, a.Mean))]);
    }

    private ConcentrationStatistic Concentration(Pollutant pollutant, int percentile, bool mean)
    {
        var values = pollutant == Pollutant.O3 ? DailyMaxEightHourO3() : _dailyMeans.GetValueOrDefault(pollutant) ?? [];
        var unit = pollutant.Quantity().Info().DisplayUnit;
        return new ConcentrationStatistic(pollutant.DisplayName(), unit, mean ? Mean(values) : null,
            pollutant == Pollutant.O3 ? "max-8h" : "24h", percentile, PeriodStatistics.Percentile(values.Values, percentile), values.Count);
    }

    private PeriodMean Mean(Dictionary<DateOnly, double> daily)
    {
        var statistic = _period.Kind == BulletinKind.Month
            ? PeriodStatistics.MonthlyMean(_period.First.Year, _period.First.Month, daily)
            : PeriodStatistics.AnnualMean(_period.First.Year, daily);
        return new PeriodMean(statistic.Value, statistic.Count, statistic.Required);
    }

    /// <summary>The history keeps a day's mean O3, not its maximum 8-hour mean: that is recomputed here from the stored
    /// hourly O3 means with the same rule the daily AQI uses (14 of 17 windows, or a maximum over the limit).</summary>
    private Dictionary<DateOnly, double> DailyMaxEightHourO3()
    {
        var o3 = _hourly[Pollutant.O3];
        var values = new Dictionary<DateOnly, double>();
        foreach (var day in Days())
        {
            var statistic = PeriodStatistics.DailyMaxEightHourMean(_calendar, day, o3, ValidityRules.Default.DailyMaxEightHourExceedanceLimit);
            if (statistic.Value is { } value) values[day] = value;
        }
        return values;
    }

    private static Pollutant? PollutantOf(string metric) =>
        Quantities.TryParse(metric, out var info) ? info.Quantity.PollutantOf() : null;
}
