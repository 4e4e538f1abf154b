namespace CityBrain.Indicators.Noise;

/// <summary>Acoustic functional zone classes of GB 3096-2008 (声环境功能区).</summary>
public enum NoiseZone
{
    /// <summary>0: convalescence (康复疗养区).</summary>
    Class0,

    /// <summary>1: residential, medical, education, research, offices.</summary>
    Class1,

    /// <summary>2: commercial, markets, mixed residential/commercial/industrial.</summary>
    Class2,

    /// <summary>3: industry, warehousing and logistics.</summary>
    Class3,

    /// <summary>4a: both sides of highways, major urban roads, surface rail transit, inland waterways.</summary>
    Class4a,

    /// <summary>4b: both sides of railway trunk lines (new lines approved from 2011-01-01).</summary>
    Class4b,
}

public enum NoisePeriod
{
    Day,
    Night,
}

public static class NoiseZones
{
    /// <summary>The class as a city file writes it: <c>0</c>, <c>1</c>, <c>2</c>, <c>3</c>, <c>4a</c> or <c>4b</c>.</summary>
    public static string Code(this NoiseZone zone) => zone switch
    {
        NoiseZone.Class0 => "0",
        NoiseZone.Class1 => "1",
        NoiseZone.Class2 => "2",
        NoiseZone.Class3 => "3",
        NoiseZone.Class4a => "4a",
        NoiseZone.Class4b => "4b",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    public static bool TryParse(string? code, out NoiseZone zone)
    {
        foreach (var candidate in Enum.GetValues<NoiseZone>())
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                zone = candidate;
                return true;
            }
        }
        zone = default;
        return false;
    }

    public static NoiseZone Parse(string? code) => TryParse(code, out var zone)
        ? zone
        : throw new FormatException($"'{code}' is not a GB 3096-2008 zone class; use 0, 1, 2, 3, 4a or 4b");

    /// <summary>The LAeq limit in dB(A) (GB 3096-2008 Table 1).</summary>
    public static double Limit(this NoiseZone zone, NoisePeriod period) => (zone, period) switch
    {
        (NoiseZone.Class0, NoisePeriod.Day) => 50,
        (NoiseZone.Class0, NoisePeriod.Night) => 40,
        (NoiseZone.Class1, NoisePeriod.Day) => 55,
        (NoiseZone.Class1, NoisePeriod.Night) => 45,
        (NoiseZone.Class2, NoisePeriod.Day) => 60,
        (NoiseZone.Class2, NoisePeriod.Night) => 50,
        (NoiseZone.Class3, NoisePeriod.Day) => 65,
        (NoiseZone.Class3, NoisePeriod.Night) => 55,
        (NoiseZone.Class4a, NoisePeriod.Day) => 70,
        (NoiseZone.Class4a, NoisePeriod.Night) => 55,
        (NoiseZone.Class4b, NoisePeriod.Day) => 70,
        (NoiseZone.Class4b, NoisePeriod.Night) => 60,
        _ => throw new ArgumentOutOfRangeException(nameof(zone), $"{zone} {period}"),
    };

    /// <summary>Compares a level with the zone's limit for the period: it exceeds when the level rounded to 0.1 dB is
    /// strictly greater than the limit.</summary>
    public static NoiseAssessment Assess(this NoiseZone zone, NoisePeriod period, double level)
    {
        var reported = Decibels.Round(level);
        var limit = zone.Limit(period);
        return new NoiseAssessment(zone, period, reported, limit, reported > limit);
    }
}

/// <param name="Level">The level as reported, rounded to 0.1 dB.</param>
public sealed record NoiseAssessment(NoiseZone Zone, NoisePeriod Period, double Level, double Limit, bool Exceeds)
{
    /// <summary>How far above the limit, in dB; 0 when within it.</summary>
    public double Excess => Exceeds ? Decibels.Round(Level - Limit) : 0;
}
