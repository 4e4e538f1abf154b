namespace CityBrain.Testing;

/// <summary>Tests that feed "the hour before this one" and then read the real-time AQI of that hour need the clock to
/// stay in the same hour while they run: at the turn of the hour "the last hour" becomes another one. Starting them
/// clear of the turn makes their assertions unconditional.</summary>
public static class HourBoundary
{
    /// <summary>Waits until the next full hour has begun when less than <paramref name="needed"/> is left of this one
    /// (China's hours and those of every whole-hour zone turn at the same instant).</summary>
    public static async Task<DateTimeOffset> ClearOfTheTurnAsync(TimeSpan needed)
    {
        var now = DateTimeOffset.UtcNow;
        var nextHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        if (nextHour - now < needed) await Task.Delay(nextHour - now + TimeSpan.FromSeconds(1));
        return DateTimeOffset.UtcNow;
    }
}
