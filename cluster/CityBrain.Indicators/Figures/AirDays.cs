namespace CityBrain.Indicators.Figures;

/// <summary>How a span of whole days went for the air, counted as bulletins count it: days with a daily AQI, good days
/// (AQI at most 100: 优 and 良), heavy-pollution days (AQI above 200: 重度 and 严重), and the mean of the daily PM2.5
/// means of the days that have one.</summary>
/// <param name="From">First day of the span.</param>
/// <param name="To">Last day of the span, included.</param>
/// <param name="Days">Calendar days in the span.</param>
/// <param name="ValidDays">Days with a daily AQI (HJ 663: enough valid hours).</param>
/// <param name="Pm25Days">Days with a daily PM2.5 mean, behind <see cref="Pm25Mean"/>.</param>
public sealed record AirDays(
    DateOnly From,
    DateOnly To,
    int Days,
    int ValidDays,
    int GoodDays,
    int HeavyPollutionDays,
    double? Pm25Mean,
    int Pm25Days)
{
    public const int GoodUpTo = 100;
    public const int HeavyAbove = 200;

    /// <summary>Good days over days with an AQI (优良天数比例), 0–1; null without any.</summary>
    public double? GoodDayShare => ValidDays == 0 ? null : (double)GoodDays / ValidDays;

    /// <summary>Counts the days from <paramref name="from"/> to <paramref name="to"/> (included) among the daily values
    /// given per day; days outside the span are ignored, days without a value count as days but not as valid ones.</summary>
    public static AirDays Count(DateOnly from, DateOnly to, IReadOnlyDictionary<DateOnly, DailyAir> days)
    {
        int valid = 0, good = 0, heavy = 0, pm25Days = 0;
        var pm25Sum = 0.0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!days.TryGetValue(day, out var air)) continue;
            if (air.Aqi is { } aqi)
            {
                valid++;
                if (aqi <= GoodUpTo) good++;
                if (aqi > HeavyAbove) heavy++;
            }
            if (air.Pm25 is { } pm25)
            {
                pm25Days++;
                pm25Sum += pm25;
            }
        }
        var span = Math.Max(0, to.DayNumber - from.DayNumber + 1);
        return new AirDays(from, to, span, valid, good, heavy, pm25Days == 0 ? null : pm25Sum / pm25Days, pm25Days);
    }
}

/// <summary>One day's daily AQI and PM2.5 mean at a place; either may be missing.</summary>
public sealed record DailyAir(double? Aqi, double? Pm25);
