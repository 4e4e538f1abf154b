namespace CityBrain.Indicators.Time;

/// <summary>The time zone in which hours and days are counted. Gateways stamp readings in UTC, but a "day" of the
/// standards is a natural day on the local clock (China Standard Time unless a city file says otherwise), so every
/// grouping into hours and days goes through here.</summary>
public sealed class LocalCalendar
{
    /// <summary>China Standard Time: UTC+8 all year. Built as a fixed offset so that it needs no time-zone database on
    /// the host and can never acquire a daylight-saving rule.</summary>
    public static LocalCalendar China { get; } = new(TimeZoneInfo.CreateCustomTimeZone(
        "UTC+08:00 China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time"));

    public LocalCalendar(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>A calendar for an IANA or Windows zone id, e.g. the <c>timeZone</c> of a city file.</summary>
    public static LocalCalendar ForZone(string zoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(zoneId));

    /// <summary>A calendar for a fixed offset from UTC, for places without daylight saving.</summary>
    public static LocalCalendar ForOffset(TimeSpan offset) => new(TimeZoneInfo.CreateCustomTimeZone(
        $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}", offset, $"UTC{offset}", $"UTC{offset}"));

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The clock hour that contains <paramref name="instant"/>.</summary>
    public ClockHour HourOf(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return new ClockHour(new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset));
    }

    /// <summary>The natural day that contains <paramref name="instant"/>.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>Local midnight at the start of <paramref name="day"/>, as an instant.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight for daylight saving starts its day at the first local time that exists.
        while (Zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>The clock hours of a natural day in order: 24 of them, hour 1 (00:00–01:00) to hour 24 (23:00–24:00);
    /// 23 or 25 on a daylight-saving change day.</summary>
    public IReadOnlyList<ClockHour> HoursOf(DateOnly day)
    {
        var end = StartOf(day.AddDays(1));
        var hours = new List<ClockHour>(25);
        for (var start = StartOf(day); start < end; start = start.AddHours(1)) hours.Add(HourOf(start));
        return hours;
    }

    /// <summary>The clock hours that end at or before <paramref name="hour"/>'s end, newest last: the window of a moving
    /// average of <paramref name="count"/> hours ending at <paramref name="hour"/>.</summary>
    public IReadOnlyList<ClockHour> HoursEndingAt(ClockHour hour, int count)
    {
        var hours = new ClockHour[count];
        for (var i = 0; i < count; i++) hours[i] = HourOf(hour.Start.AddHours(i - count + 1));
        return hours;
    }

    /// <summary>How many whole clock hours lie inside [<paramref name="from"/>, <paramref name="to"/>): the hours a
    /// device present for that span was expected to deliver.</summary>
    public int WholeHoursBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var first = HourOf(from);
        var start = first.Start == from ? first.Start : first.End;
        return to <= start ? 0 : (int)Math.Floor((to - start).TotalHours);
    }
}
