using CityBrain.Simulators.Fleet.Scenarios;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>An episode placed in time: it reaches a district <c>hops × HopDelay</c> after it began in its origin,
/// weakened by <c>Attenuation^hops</c>.</summary>
public sealed record ResolvedEpisode(string Origin, DateTimeOffset Start, TimeSpan Duration, double Intensity, TimeSpan HopDelay, double Attenuation);

/// <summary>The extra particulate load of pollution episodes, by district and time: the scenario's planned episodes
/// plus those the seed draws. A pure function of time, so a district's haze is the same in every run of a seed.</summary>
internal sealed class PollutionEpisodes
{
    /// <summary>Below this share of its strength an episode no longer counts in a district.</summary>
    private const double Negligible = 0.05;
    private static readonly ulong Stream = SeededNoise.Hash("episodes");
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly CityMap _map;
    private readonly IReadOnlyList<ResolvedEpisode> _planned;
    private readonly RandomEpisodes? _random;
    private readonly SeededNoise _noise;

    public PollutionEpisodes(CityMap map, CityScenario scenario, DateTimeOffset simulationStart, SeededNoise noise)
    {
        _map = map;
        _random = scenario.RandomEpisodes is { PerWeek: > 0 } random ? random : null;
        _noise = noise;
        _planned = scenario.Episodes
            .Select(e => new ResolvedEpisode(e.Origin, e.Start.Resolve(simulationStart), e.Duration, e.Intensity, e.HopDelay, e.Attenuation))
            .ToList();
    }

    /// <summary>Multiplier on top of ordinary particulate levels: 0 on a clear day, the episode's intensity at its peak in its origin.</summary>
    public double Load(int district, DateTimeOffset at)
    {
        var load = 0.0;
        foreach (var episode in _planned) load += Load(episode, district, at);
        if (_random is { } random)
        {
            var reach = random.Duration + random.HopDelay * MaxHops(random.Attenuation);
            for (var day = DayIndex(at - reach) - 1; day <= DayIndex(at); day++)
            {
                if (Drawn(day, random) is { } episode) load += Load(episode, district, at);
            }
        }
        return load;
    }

    /// <summary>The episodes that begin within [from, to), planned and drawn, for the run's summary.</summary>
    public IEnumerable<ResolvedEpisode> StartingBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var drawn = _random is { } random
            ? Enumerable.Range(0, (int)(DayIndex(to) - DayIndex(from) + 1)).Select(n => Drawn(DayIndex(from) + n, random)).OfType<ResolvedEpisode>()
            : [];
        return _planned.Concat(drawn).Where(e => e.Start >= from && e.Start < to).OrderBy(e => e.Start);
    }

    private ResolvedEpisode? Drawn(long day, RandomEpisodes random)
    {
        if (_noise.Uniform(Stream, (ulong)day) >= random.PerWeek / 7) return null;
        var start = DateTimeOffset.UnixEpoch + day * Day + TimeSpan.FromHours(6 + 12 * _noise.Uniform(Stream, (ulong)day, 1));
        var origin = _map.Districts[(int)(_noise.Uniform(Stream, (ulong)day, 2) * _map.Districts.Count)].Id;
        return new ResolvedEpisode(origin, start, random.Duration, random.Intensity, random.HopDelay, random.Attenuation);
    }

    private double Load(ResolvedEpisode episode, int district, DateTimeOffset at)
    {
        var hops = _map.Hops(_map.IndexOf(episode.Origin), district);
        if (hops == CityMap.Unreachable) return 0;
        var strength = Math.Pow(episode.Attenuation, hops);
        if (strength < Negligible) return 0;
        var progress = (at - episode.Start - episode.HopDelay * hops) / episode.Duration;
        return episode.Intensity * strength * Envelope(progress);
    }

    /// <summary>Haze builds slowly over 70 % of an episode and clears fast when the wind turns.</summary>
    private static double Envelope(double x) => x switch
    {
        <= 0 or >= 1 => 0,
        < 0.7 => Math.Pow(Math.Sin(Math.PI * x / 1.4), 2),
        _ => Math.Pow(Math.Cos(Math.PI * (x - 0.7) / 0.6), 2),
    };

    private int MaxHops(double attenuation) => attenuation >= 1
        ? _map.Districts.Count
        : Math.Min(_map.Districts.Count, (int)Math.Ceiling(Math.Log(Negligible) / Math.Log(attenuation)));

    private static long DayIndex(DateTimeOffset at) => (long)Math.Floor((at - DateTimeOffset.UnixEpoch) / Day);
}
