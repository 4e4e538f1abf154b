using System.Globalization;

namespace CityBrain.Simulators.Fleet.Time;

/// <summary>A moment in a scenario: either an absolute time (<c>2026-11-23T07:00:00+08:00</c>) or an offset from the
/// start of the simulation (<c>+2h</c>), so that one scenario file can be replayed on any day.</summary>
public readonly record struct ScenarioInstant(DateTimeOffset? At, TimeSpan Offset)
{
    public static ScenarioInstant AtStart => new(null, TimeSpan.Zero);

    public DateTimeOffset Resolve(DateTimeOffset simulationStart) => At ?? simulationStart + Offset;

    public static bool TryParse(string? text, out ScenarioInstant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s[0] == '+' && Durations.TryParse(s, out var offset) && offset >= TimeSpan.Zero)
        {
            instant = new ScenarioInstant(null, offset);
            return true;
        }
        // An absolute time must say its offset: a local time without one would mean a different hour on every machine.
        if (DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && (s.EndsWith('Z') || s.Length > 6 && s[^6] is '+' or '-'))
        {
            instant = new ScenarioInstant(at.ToUniversalTime(), TimeSpan.Zero);
            return true;
        }
        return false;
    }

    public override string ToString() => At is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : "+" + Durations.Format(Offset);
}
