using System.Globalization;

namespace CityBrain.Notifications.Recipients;

/// <summary>A daily period in a time zone during which a recipient is not disturbed, e.g. 22:00-07:00 Asia/Shanghai;
/// it may run past midnight.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, TimeZoneInfo Zone)
{
    /// <summary>Reads "HH:mm-HH:mm"; the two ends must differ.</summary>
    public static bool TryParse(string text, TimeZoneInfo zone, out QuietHours? hours)
    {
        hours = null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || start == end)
        {
            return false;
        }
        hours = new QuietHours(start, end, zone);
        return true;
    }

    /// <summary>The end of the quiet period <paramref name="now"/> falls in, or null outside quiet hours.</summary>
    public DateTimeOffset? EndOf(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var overnight = Start > End;
        var quiet = overnight ? time >= Start || time < End : time >= Start && time < End;
        if (!quiet) return null;
        var endDay = overnight && time >= Start ? local.Date.AddDays(1) : local.Date;
        var end = DateTime.SpecifyKind(endDay + End.ToTimeSpan(), DateTimeKind.Unspecified);
        // A clock that jumps forward over the end (daylight saving) ends the quiet period when it lands.
        if (Zone.IsInvalidTime(end)) end = end.AddHours(1);
        return new DateTimeOffset(end, Zone.GetUtcOffset(end));
    }

    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{End.ToString("HH:mm", CultureInfo.InvariantCulture)} {Zone.Id}";
}
