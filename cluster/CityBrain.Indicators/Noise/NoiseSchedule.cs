using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Noise;

/// <summary>The day and night periods of GB 3096-2008: day 06:00–22:00 and night 22:00–06:00 unless the local
/// government sets other whole hours. The night of a date is the one that begins on that date's evening: the night
/// of 1 March runs from 22:00 on 1 March to 06:00 on 2 March, and 00:00–06:00 on 1 March belongs to the night of 28
/// February.</summary>
public sealed record NoiseSchedule
{
    public static NoiseSchedule Default { get; } = new(6, 22);

    /// <param name="dayStartHour">Local hour the day period starts, 0–23.</param>
    /// <param name="nightStartHour">Local hour the night period starts, after the day start; 24 means midnight.</param>
    /// <param name="minimumCoverage">Share of a period's hours that need a valid hourly LAeq for Ld or Ln to be valid.
    /// The standards give no figure; the project asks for three quarters (12 of 16, 6 of 8), like the 8h air rule.</param>
    public NoiseSchedule(int dayStartHour, int nightStartHour, double minimumCoverage = 0.75)
    {
        if (dayStartHour is < 0 or > 23 || nightStartHour <= dayStartHour || nightStartHour > 24)
        {
            throw new ArgumentException($"noise day {dayStartHour}:00 to night {nightStartHour}:00 is not a valid schedule: need 0 <= day start < night start <= 24");
        }
        if (minimumCoverage is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(minimumCoverage), minimumCoverage, "a share between 0 and 1");
        DayStartHour = dayStartHour;
        NightStartHour = nightStartHour;
        MinimumCoverage = minimumCoverage;
    }

    public int DayStartHour { get; }

    public int NightStartHour { get; }

    public double MinimumCoverage { get; }

    public NoisePeriod PeriodOf(ClockHour hour) =>
        hour.LocalStart.Hour >= DayStartHour && hour.LocalStart.Hour < NightStartHour ? NoisePeriod.Day : NoisePeriod.Night;

    /// <summary>The date whose day or night period <paramref name="hour"/> belongs to: the previous date for the small
    /// hours of a night.</summary>
    public DateOnly DateOf(ClockHour hour) => hour.LocalStart.Hour < DayStartHour ? hour.Day.AddDays(-1) : hour.Day;

    public IReadOnlyList<ClockHour> DayHours(LocalCalendar calendar, DateOnly date) =>
        [.. calendar.HoursOf(date).Where(h => PeriodOf(h) == NoisePeriod.Day)];

    public IReadOnlyList<ClockHour> NightHours(LocalCalendar calendar, DateOnly date) =>
        [.. calendar.HoursOf(date).Concat(calendar.HoursOf(date.AddDays(1)))
            .Where(h => PeriodOf(h) == NoisePeriod.Night && DateOf(h) == date)];

    /// <summary>Valid hours a period of <paramref name="hours"/> hours needs.</summary>
    public int Required(int hours) => (int)Math.Ceiling(hours * MinimumCoverage);
}
