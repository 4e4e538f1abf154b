using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>Plausible values for a city: daily cycles in local time (NO2, CO and noise at the traffic peaks, ozone in
/// the afternoon, light by day, cool humid nights), a per-district character and a slow day-to-day drift. Every value
/// is a pure function of (seed, district, device, time), so two runs with one seed send the same city.</summary>
public sealed class CityClimate(int seed, TimeZoneInfo timeZone)
{
    public static readonly IReadOnlyList<Quantity> Reported =
    [
        Quantity.Pm2_5, Quantity.Pm10, Quantity.No2, Quantity.So2, Quantity.O3, Quantity.Co, Quantity.Co2,
        Quantity.Temperature, Quantity.Humidity, Quantity.Pressure, Quantity.Noise, Quantity.Illuminance,
    ];

    public double Value(Quantity quantity, int district, int device, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, timeZone);
        var hour = local.TimeOfDay.TotalHours;
        var traffic = Peak(hour, 8, 1.5) + Peak(hour, 18, 2);
        var afternoon = Peak(hour, 15, 3);
        var daylight = Math.Max(0, Math.Sin((hour - 6) / 12 * Math.PI));
        var districtLoad = 0.7 + 0.6 * Noise01(district, 0, 0);
        var drift = 0.75 + 0.5 * Smooth(district, at.ToUnixTimeSeconds() / 86_400.0);
        var jitter = 1 + 0.08 * (Noise01(district, device, at.ToUnixTimeSeconds() / 60) - 0.5);
        var value = quantity switch
        {
            Quantity.Pm2_5 => (22 + 28 * traffic) * districtLoad * drift * jitter,
            Quantity.Pm10 => (45 + 40 * traffic) * districtLoad * drift * jitter,
            Quantity.Pm1 => (14 + 18 * traffic) * districtLoad * drift * jitter,
            Quantity.No2 => (18 + 55 * traffic) * districtLoad * jitter,
            Quantity.So2 => (6 + 6 * traffic) * districtLoad * jitter,
            Quantity.O3 => (25 + 120 * afternoon) * (1.3 - 0.3 * districtLoad) * jitter,
            Quantity.Co => (0.4 + 0.7 * traffic) * districtLoad * jitter,
            Quantity.Co2 => (415 + 60 * traffic * districtLoad) * jitter,
            Quantity.Temperature => 8 + 7 * Math.Sin((hour - 9) / 24 * 2 * Math.PI) + 2 * (Noise01(district, device, 0) - 0.5),
            Quantity.Humidity => Math.Clamp(55 - 20 * Math.Sin((hour - 9) / 24 * 2 * Math.PI) + 100 * (jitter - 1), 5, 99),
            Quantity.Pressure => 1016 + 6 * (Smooth(0, at.ToUnixTimeSeconds() / 172_800.0) - 0.5),
            Quantity.Noise => 10 * Math.Log10(Math.Pow(10, (42 + 8 * districtLoad) / 10) + Math.Pow(10, (50 + 18 * traffic * districtLoad) / 10)) + (jitter - 1) * 10,
            Quantity.Illuminance => 20_000 * daylight * (0.6 + 0.4 * Noise01(district, 7, at.ToUnixTimeSeconds() / 3_600)) + 5,
            _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "no model for this quantity"),
        };
        return Math.Round(value, quantity is Quantity.Co ? 2 : 1);
    }

    /// <summary>A bump of height 1 around <paramref name="at"/> hours, wrapping over midnight.</summary>
    private static double Peak(double hour, double at, double width)
    {
        var d = Math.Abs(hour - at);
        d = Math.Min(d, 24 - d);
        return Math.Exp(-d * d / (2 * width * width));
    }

    /// <summary>Smooth noise in [0, 1] over <paramref name="t"/>: cosine interpolation between hashed integer points.</summary>
    private double Smooth(int stream, double t)
    {
        var i = (long)Math.Floor(t);
        var f = t - i;
        var w = (1 - Math.Cos(f * Math.PI)) / 2;
        return Noise01(stream, -1, i) * (1 - w) + Noise01(stream, -1, i + 1) * w;
    }

    /// <summary>A deterministic pseudo-random number in [0, 1) for (seed, a, b, c).</summary>
    private double Noise01(int a, int b, long c)
    {
        var h = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        h ^= (ulong)(uint)a * 0xBF58476D1CE4E5B9UL;
        h ^= (ulong)(uint)b * 0x94D049BB133111EBUL;
        h ^= (ulong)c * 0xD6E8FEB86659FD93UL;
        h ^= h >> 31;
        h *= 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
