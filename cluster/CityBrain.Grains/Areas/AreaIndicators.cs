using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Hours;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Noise;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Grains.Areas;

/// <summary>The indicators of a district or of the city from its hourly means: the hour's AQI, the day's AQI, noise
/// against the zone, and the history points of a closed hour. One code for both levels, so the city is computed
/// exactly like its districts.</summary>
public sealed class AreaIndicators(LocalCalendar calendar, AqiSelection selection, NoiseSchedule schedule)
{
    public LocalCalendar Calendar => calendar;

    /// <summary>The real-time AQI: that of the last hour if it has closed with a value, else the current hour's from
    /// the latest values so far, marked provisional, so the screen is never blank for the first hour of a city.</summary>
    public AirNow? Air(AreaHours hours, DateTimeOffset now, IReadOnlyDictionary<Quantity, double> latest)
    {
        var current = calendar.HourOf(now);
        var previous = calendar.HourOf(current.Start.AddHours(-1));
        if (hours.IsClosed(previous) && HourAqi(hours, previous) is { Aqi: not null } closed) return new AirNow(previous, false, closed);
        var provisional = RunningHourAqi(hours, current, latest);
        return provisional.Aqi is null ? null : new AirNow(current, true, provisional);
    }

    /// <summary>The AQI of the hour still running, from its closed part and the latest values standing in for the rest.</summary>
    public AqiResult RunningHourAqi(AreaHours hours, ClockHour current, IReadOnlyDictionary<Quantity, double> latest) =>
        Evaluate(AqiPeriod.Hour, current.Start, AirInputs.ForHour(calendar, current, hours.PollutantSeries(latest, current)));

    /// <summary>Yesterday's daily AQI: the last natural day that is over.</summary>
    public DailyAir? Daily(AreaHours hours, DateTimeOffset now)
    {
        var day = calendar.DayOf(now).AddDays(-1);
        var result = DayAqi(hours, day);
        return result.Aqi is null ? null : new DailyAir(day, result);
    }

    /// <summary>The last closed hour's level, and the most recent valid Ld and Ln.</summary>
    public NoiseNow Noise(AreaHours hours, DateTimeOffset now, NoiseZone? zone)
    {
        var series = hours.Series(Quantity.Noise);
        var last = calendar.HourOf(calendar.HourOf(now).Start.AddHours(-1));
        double? level = series.TryGet(last, out var leq) ? Decibels.Round(leq) : null;
        var today = schedule.DateOf(last);
        var days = new[] { today, today.AddDays(-1) }.Select(d => DailyNoise.Compute(calendar, schedule, d, series)).ToList();
        var day = days.FirstOrDefault(d => d.Day.Value is not null);
        var night = days.FirstOrDefault(d => d.Night.Value is not null);
        return new NoiseNow(
            last, level, zone?.Limit(schedule.PeriodOf(last)),
            day?.Date, day?.Day.Value is { } ld ? Decibels.Round(ld) : null,
            night?.Date, night?.Night.Value is { } ln ? Decibels.Round(ln) : null,
            zone?.Limit(NoisePeriod.Day), zone?.Limit(NoisePeriod.Night), zone?.Code());
    }

    /// <summary>What districts are ranked by: the AQI and each pollutant's mean of the hour the AQI describes.</summary>
    public static IReadOnlyDictionary<string, double> RankingValues(AreaHours hours, AirNow? air, IReadOnlyDictionary<Quantity, double> latest)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (air?.Result.Aqi is not { } aqi) return values;
        values[HistoryMetrics.Aqi] = aqi;
        foreach (var quantity in Pollutants.All.Select(p => p.Quantity()))
        {
            var mean = air.Provisional
                ? latest.TryGetValue(quantity, out var v) ? v : (double?)null
                : hours.Find(air.Hour)?.Means.GetValueOrDefault(quantity)?.Mean;
            if (mean is { } m) values[HistoryMetrics.Of(quantity)] = m;
        }
        return values;
    }

    public AqiResult HourAqi(AreaHours hours, ClockHour hour) =>
        Evaluate(AqiPeriod.Hour, hour.Start, AirInputs.ForHour(calendar, hour, hours.PollutantSeries()));

    /// <summary>Everything a closed hour adds to the history: its means, AQI and sub-indices, and the day and the
    /// noise date it belongs to, recomputed so far (a day's points stay invalid until it has enough hours).</summary>
    public IReadOnlyList<HistoryPoint> PointsOf(HistoryScope scope, string id, AreaHours hours, ClockHour hour)
    {
        var points = new List<HistoryPoint>();
        if (hours.Find(hour) is { } area)
        {
            points.AddRange(area.Means.Select(kv => new HistoryPoint(scope, id, HistoryMetrics.Of(kv.Key), HistoryResolution.Hour,
                hour.Start, kv.Value.Mean, (int)Math.Round(kv.Value.Weight))));
        }
        var aqi = HourAqi(hours, hour);
        points.Add(new HistoryPoint(scope, id, HistoryMetrics.Aqi, HistoryResolution.Hour, hour.Start, aqi.Aqi, RuleSet: aqi.RuleSet.Id()));
        points.AddRange(aqi.SubIndices.Select(s => new HistoryPoint(scope, id, HistoryMetrics.SubIndex(s.Item), HistoryResolution.Hour, hour.Start, s.Index)));

        var dayStart = calendar.StartOf(hour.Day);
        var dayAqi = DayAqi(hours, hour.Day);
        points.Add(new HistoryPoint(scope, id, HistoryMetrics.Aqi, HistoryResolution.Day, dayStart, dayAqi.Aqi, RuleSet: dayAqi.RuleSet.Id()));
        foreach (var quantity in hours.Hours.Values.SelectMany(h => h.Means.Keys).Distinct().Where(q => q != Quantity.Noise))
        {
            var mean = PeriodStatistics.DailyMean(calendar, hour.Day, hours.Series(quantity));
            if (mean.Count > 0) points.Add(new HistoryPoint(scope, id, HistoryMetrics.Of(quantity), HistoryResolution.Day, dayStart, mean.Value, mean.Count));
        }
        var noise = DailyNoise.Compute(calendar, schedule, schedule.DateOf(hour), hours.Series(Quantity.Noise));
        if (noise.Day.Count + noise.Night.Count > 0)
        {
            var noiseDay = calendar.StartOf(noise.Date);
            points.Add(new HistoryPoint(scope, id, HistoryMetrics.NoiseDay, HistoryResolution.Day, noiseDay, noise.Day.Value, noise.Day.Count));
            points.Add(new HistoryPoint(scope, id, HistoryMetrics.NoiseNight, HistoryResolution.Day, noiseDay, noise.Night.Value, noise.Night.Count));
            points.Add(new HistoryPoint(scope, id, HistoryMetrics.NoiseDayNight, HistoryResolution.Day, noiseDay, noise.DayNight));
        }
        return points;
    }

    private AqiResult DayAqi(AreaHours hours, DateOnly day) =>
        Evaluate(AqiPeriod.Day, calendar.StartOf(day), AirInputs.ForDay(calendar, day, hours.PollutantSeries()));

    private AqiResult Evaluate(AqiPeriod period, DateTimeOffset start, AirInputs inputs) =>
        AqiStandards.For(selection, start).Evaluate(period, inputs.Concentrations);
}

/// <summary>The real-time AQI of <see cref="Hour"/>; provisional while that hour is still running.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.AirNow.v1")]
public sealed record AirNow([property: Id(0)] ClockHour Hour, [property: Id(1)] bool Provisional, [property: Id(2)] AqiResult Result);

[GenerateSerializer, Immutable, Alias("citybrain.DailyAir.v1")]
public sealed record DailyAir([property: Id(0)] DateOnly Day, [property: Id(1)] AqiResult Result);

/// <summary>Noise levels in dB(A), rounded to 0.1 as GB 3096 reports them; limits are the zone's (none for the city).</summary>
[GenerateSerializer, Immutable, Alias("citybrain.NoiseNow.v1")]
public sealed record NoiseNow(
    [property: Id(0)] ClockHour Hour,
    [property: Id(1)] double? Level,
    [property: Id(2)] double? Limit,
    [property: Id(3)] DateOnly? DayDate,
    [property: Id(4)] double? Ld,
    [property: Id(5)] DateOnly? NightDate,
    [property: Id(6)] double? Ln,
    [property: Id(7)] double? LimitDay,
    [property: Id(8)] double? LimitNight,
    [property: Id(9)] string? Zone);
