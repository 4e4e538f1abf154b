using System.Text;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>Deterministic randomness: every number is a hash of the seed and the coordinates it is asked for (device,
/// quantity, time slot), never the next draw of a generator. Two runs, or two threads, asking the same question get the
/// same answer in any order, which is what makes a simulated value a pure function of (seed, device, time).</summary>
public readonly struct SeededNoise(int seed)
{
    public int Seed => seed;

    /// <summary>A number in [0, 1) for the given coordinates.</summary>
    public double Uniform(ulong a, ulong b = 0, ulong c = 0) =>
        (Mix(Mix(Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ a) ^ b) ^ c) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Roughly standard normal (mean 0, deviation 1, bounded at ±3.5): the sum of four uniforms, rescaled.</summary>
    public double Normal(ulong a, ulong b = 0, ulong c = 0) =>
        (Uniform(a, b, c) + Uniform(a, b, c ^ 0x5555) + Uniform(a, b, c ^ 0xAAAA) + Uniform(a, b, c ^ 0xFFFF) - 2) * 1.7320508;

    /// <summary>Smooth noise in [0, 1] along <paramref name="t"/>: neighbouring integers get independent values and
    /// the points between are eased from one to the next, so weather changes by the hour, not by the report.</summary>
    public double Smooth(ulong stream, double t)
    {
        var i = Math.Floor(t);
        var w = (1 - Math.Cos((t - i) * Math.PI)) / 2;
        var n = (ulong)(long)i;
        return Uniform(stream, n) * (1 - w) + Uniform(stream, n + 1) * w;
    }

    /// <summary>A stable 64-bit hash of a name (FNV-1a over UTF-8); <see cref="string.GetHashCode()"/> changes per process.</summary>
    public static ulong Hash(string name)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            h = (h ^ b) * 0x100000001B3UL;
        }
        return h;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
