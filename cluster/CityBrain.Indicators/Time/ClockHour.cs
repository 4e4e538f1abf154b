namespace CityBrain.Indicators.Time;

/// <summary>One hour of the local clock. The standards label an hour by its end: hour 1 is 00:00–01:00 and hour 24
/// is 23:00–24:00, both belonging to the day they end in (24:00 being the end of that day, not the next).</summary>
/// <param name="LocalStart">Start of the hour with the local offset; equality is by instant.</param>
public readonly record struct ClockHour(DateTimeOffset LocalStart)
{
    /// <summary>Start of the hour in UTC, the key under which series and stores keep it.</summary>
    public DateTimeOffset Start => LocalStart.ToUniversalTime();

    public DateTimeOffset End => Start.AddHours(1);

    /// <summary>The natural day the hour belongs to.</summary>
    public DateOnly Day => DateOnly.FromDateTime(LocalStart.DateTime);

    /// <summary>The hour's number in its day by end time: 1 to 24.</summary>
    public int Number => LocalStart.Hour + 1;

    /// <summary>The end-time label the cockpit shows, e.g. <c>2026-03-01 24:00</c> for 23:00–24:00.</summary>
    public string Label => $"{Day:yyyy-MM-dd} {Number:00}:00";

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public override string ToString() => Label;
}
