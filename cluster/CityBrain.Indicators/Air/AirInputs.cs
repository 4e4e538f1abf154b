using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Air;

/// <summary>The concentrations a report reads, built from hourly means, with the statistics behind them.</summary>
/// <param name="Concentrations">Valid values only, ready for <see cref="AqiStandard.Evaluate"/>.</param>
/// <param name="Statistics">Every statistic computed, the invalid ones included (with their counts), for display.</param>
public sealed record AirInputs(
    IReadOnlyDictionary<Measure, decimal> Concentrations,
    IReadOnlyDictionary<Measure, Statistic> Statistics)
{
    /// <summary>Inputs of the real-time report of <paramref name="hour"/>: each pollutant's hourly value, and the
    /// moving means ending at the hour that special rules and the EPA read (24h for all but O3, 8h for O3 and CO).</summary>
    /// <param name="hourly">Valid hourly means per pollutant, reaching back at least 23 hours before <paramref name="hour"/>.</param>
    public static AirInputs ForHour(LocalCalendar calendar, ClockHour hour, IReadOnlyDictionary<Pollutant, HourlySeries> hourly, ValidityRules? rules = null)
    {
        var statistics = new Dictionary<Measure, Statistic>();
        foreach (var (pollutant, series) in hourly)
        {
            statistics[Measure.OneHour(pollutant)] = series.TryGet(hour, out var value)
                ? Statistic.Valid(value, 1, 1)
                : Statistic.Insufficient(0, 1);
            if (pollutant is Pollutant.O3 or Pollutant.Co)
            {
                statistics[Measure.EightHours(pollutant)] = PeriodStatistics.EightHourMean(calendar, hour, series, rules);
            }
            if (pollutant is not Pollutant.O3)
            {
                statistics[Measure.TwentyFourHours(pollutant)] = PeriodStatistics.TwentyFourHourMean(calendar, hour, series, rules);
            }
        }
        return From(statistics);
    }

    /// <summary>Inputs of the daily report of <paramref name="day"/>: 24h means, the daily maximum 8h mean (O3, and
    /// CO for the EPA) and the daily maximum hourly value (O3, and SO2 and NO2 for the EPA).</summary>
    /// <param name="hourly">Valid hourly means per pollutant covering the day.</param>
    public static AirInputs ForDay(LocalCalendar calendar, DateOnly day, IReadOnlyDictionary<Pollutant, HourlySeries> hourly, ValidityRules? rules = null)
    {
        rules ??= ValidityRules.Default;
        var statistics = new Dictionary<Measure, Statistic>();
        foreach (var (pollutant, series) in hourly)
        {
            if (pollutant is not Pollutant.O3)
            {
                statistics[Measure.TwentyFourHours(pollutant)] = PeriodStatistics.DailyMean(calendar, day, series, rules);
            }
            if (pollutant is Pollutant.O3 or Pollutant.Co)
            {
                statistics[Measure.EightHours(pollutant)] = PeriodStatistics.DailyMaxEightHourMean(calendar, day, series,
                    pollutant == Pollutant.O3 ? rules.DailyMaxEightHourExceedanceLimit : null, rules);
            }
            if (pollutant is Pollutant.O3 or Pollutant.So2 or Pollutant.No2)
            {
                statistics[Measure.OneHour(pollutant)] = PeriodStatistics.DailyMaxOneHour(calendar, day, series, rules);
            }
        }
        return From(statistics);
    }

    // The decimal cast keeps 15 significant digits, which drops the binary noise of a double mean (35.499999999999996
    // becomes 35.5) before the standard rounds the value.
    private static AirInputs From(Dictionary<Measure, Statistic> statistics) => new(
        statistics.Where(s => s.Value.Value is not null).ToDictionary(s => s.Key, s => (decimal)s.Value.Value!.Value),
        statistics);
}
