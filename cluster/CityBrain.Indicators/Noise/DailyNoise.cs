using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Noise;

/// <summary>The noise indicators of one date: Ld over its day period, Ln over its night period (which ends on the
/// next date, so a date's figures are complete at 06:00 the day after), and Ldn from both.</summary>
public sealed record DailyNoise(DateOnly Date, Statistic Day, Statistic Night, double? DayNight)
{
    /// <param name="hourlyLeq">Valid hourly LAeq values covering the date and the next morning.</param>
    public static DailyNoise Compute(LocalCalendar calendar, NoiseSchedule schedule, DateOnly date, HourlySeries hourlyLeq)
    {
        var dayHours = schedule.DayHours(calendar, date);
        var nightHours = schedule.NightHours(calendar, date);
        var day = PeriodStatistics.MeanOver(dayHours, hourlyLeq, schedule.Required(dayHours.Count), MeanKind.Energy);
        var night = PeriodStatistics.MeanOver(nightHours, hourlyLeq, schedule.Required(nightHours.Count), MeanKind.Energy);
        return new DailyNoise(date, day, night,
            day.Value is { } ld && night.Value is { } ln ? Decibels.DayNight(ld, ln, dayHours.Count, nightHours.Count) : null);
    }

    /// <summary>Ld and Ln against the zone's day and night limits; null where the period is invalid.</summary>
    public (NoiseAssessment? Day, NoiseAssessment? Night) Assess(NoiseZone zone) => (
        Day.Value is { } ld ? zone.Assess(NoisePeriod.Day, ld) : null,
        Night.Value is { } ln ? zone.Assess(NoisePeriod.Night, ln) : null);
}
