namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>One report window of a gateway's history.</summary>
public readonly record struct HistoryWindow(DateTimeOffset Start, TimeSpan Length)
{
    public DateTimeOffset End => Start + Length;
}

/// <summary>The report windows of the history every gateway sends before a run, newest first: the part of the hour the
/// run starts in before the first live window, then each clock hour of the city's time zone back over the given days.
/// Newest first because a cockpit reads the last day most (the running and last hours, the 24-hour trend, the changes
/// against an hour and a day before): those are in within seconds, and the month behind them fills in while the
/// cockpit is already in use. The cluster sums readings into its time zone's clock hours, so a window that covers
/// exactly one of them fills that hour with one report; in a zone whose offset is not whole hours (India, Nepal) the
/// windows follow the zone.</summary>
public sealed record BackfillPlan(IReadOnlyList<HistoryWindow> Windows)
{
    public static BackfillPlan None { get; } = new([]);

    /// <param name="firstLiveWindow">Start of the first window the gateways report live.</param>
    public static BackfillPlan Before(DateTimeOffset firstLiveWindow, int days, TimeZoneInfo zone)
    {
        if (days <= 0) return None;
        var current = HourStart(firstLiveWindow, zone);
        var windows = new List<HistoryWindow>(days * 24 + 1);
        if (firstLiveWindow > current) windows.Add(new HistoryWindow(current, firstLiveWindow - current));
        var hour = current;
        for (var i = 0; i < days * 24; i++)
        {
            var previous = HourStart(hour - TimeSpan.FromTicks(1), zone);
            windows.Add(new HistoryWindow(previous, hour - previous));
            hour = previous;
        }
        return new BackfillPlan(windows);
    }

    /// <summary>Start of the clock hour of <paramref name="zone"/> that contains <paramref name="at"/>, in UTC.</summary>
    public static DateTimeOffset HourStart(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset).ToUniversalTime();
    }
}
