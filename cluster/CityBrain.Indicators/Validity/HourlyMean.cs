using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Validity;

/// <summary>The mean of one quantity over one clock hour, with the evidence behind it.</summary>
/// <param name="Value">Null when the usable readings covered less than the minimum of the hour.</param>
/// <param name="Coverage">Time of the hour covered by usable (ok) readings, overlaps counted once.</param>
/// <param name="Usable">Readings that entered the mean.</param>
/// <param name="Suspect">Readings flagged suspect: counted, never averaged.</param>
/// <param name="Invalid">Readings flagged invalid: counted, never averaged.</param>
public sealed record HourlyMean(ClockHour Hour, double? Value, TimeSpan Coverage, int Usable, int Suspect, int Invalid)
{
    public bool IsValid => Value is not null;
}
