namespace CityBrain.Indicators.Figures;

/// <summary>The figures a leadership cockpit carries for a place, over whole days up to <see cref="AsOf"/> (yesterday:
/// today is not over): the year so far against the same days of the year before, the month so far against the same
/// days of the month before, and the year's PM2.5 against its target.</summary>
/// <param name="AsOf">The last whole day counted.</param>
/// <param name="Pm25Target">The year's PM2.5 target for the place, µg/m³.</param>
public sealed record YearFigures(
    DateOnly AsOf,
    AirDays YearToDate,
    AirDays YearBefore,
    AirDays MonthToDate,
    AirDays MonthBefore,
    double Pm25Target)
{
    /// <summary>The year's PM2.5 mean over its target, minus one: 0.1 is 10 % above target; null without a mean.</summary>
    public double? Pm25AgainstTarget => YearToDate.Pm25Mean / Pm25Target - 1;

    /// <summary>Year-on-year change of the good-day share in percentage points (0.05 is five points better).</summary>
    public double? GoodDayShareYearOnYear => YearToDate.GoodDayShare - YearBefore.GoodDayShare;

    /// <summary>Relative year-on-year change of the PM2.5 mean (-0.1 is ten percent lower).</summary>
    public double? Pm25YearOnYear => Relative(YearToDate.Pm25Mean, YearBefore.Pm25Mean);

    /// <summary>Month-on-month change of the good-day share in percentage points.</summary>
    public double? GoodDayShareMonthOnMonth => MonthToDate.GoodDayShare - MonthBefore.GoodDayShare;

    /// <summary>Relative month-on-month change of the PM2.5 mean.</summary>
    public double? Pm25MonthOnMonth => Relative(MonthToDate.Pm25Mean, MonthBefore.Pm25Mean);

    /// <summary>The first day whose values <see cref="Of"/> reads for figures as of <paramref name="asOf"/>: the first
    /// of January of the year before (the month before is never earlier).</summary>
    public static DateOnly EarliestDay(DateOnly asOf) => new(asOf.Year - 1, 1, 1);

    /// <summary>The figures as of the whole day <paramref name="asOf"/> from the daily values of
    /// [<see cref="EarliestDay"/>, <paramref name="asOf"/>].</summary>
    public static YearFigures Of(DateOnly asOf, IReadOnlyDictionary<DateOnly, DailyAir> days, double pm25Target)
    {
        var yearStart = new DateOnly(asOf.Year, 1, 1);
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var monthBeforeStart = monthStart.AddMonths(-1);
        // The same days of the month before, as far as it has them (the 31st of March is compared with all of February).
        var monthBeforeEnd = monthBeforeStart.AddDays(Math.Min(asOf.Day, DateTime.DaysInMonth(monthBeforeStart.Year, monthBeforeStart.Month)) - 1);
        return new YearFigures(
            asOf,
            AirDays.Count(yearStart, asOf, days),
            AirDays.Count(yearStart.AddYears(-1), asOf.AddYears(-1), days),
            AirDays.Count(monthStart, asOf, days),
            AirDays.Count(monthBeforeStart, monthBeforeEnd, days),
            pm25Target);
    }

    private static double? Relative(double? now, double? before) => before is > 0 ? now / before - 1 : null;
}
