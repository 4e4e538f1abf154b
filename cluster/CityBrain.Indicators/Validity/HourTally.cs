using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Time;
using System.Text.Json.Serialization;

namespace CityBrain.Indicators.Validity;

/// <summary>The mean of one quantity over one clock hour, kept open while its report windows arrive: a device holds
/// one per quantity and open hour instead of the readings themselves. Each window counts for the part of it inside
/// the hour, weighted by that duration; coverage is the union of those parts, so a window reported twice does not
/// make an hour valid.</summary>
public sealed class HourTally
{
    private readonly List<Span> _covered;

    public HourTally(ClockHour hour, MeanKind kind)
    {
        Hour = hour;
        Mean = new MeanAccumulator(kind);
        _covered = [];
    }

    [JsonConstructor]
    public HourTally(ClockHour hour, MeanAccumulator mean, IReadOnlyList<Span> covered, int usable, int suspect, int invalid)
    {
        Hour = hour;
        Mean = mean;
        _covered = [.. covered];
        (Usable, Suspect, Invalid) = (usable, suspect, invalid);
    }

    public ClockHour Hour { get; }

    public MeanAccumulator Mean { get; }

    /// <summary>Disjoint, ordered spans of the hour covered by usable readings.</summary>
    public IReadOnlyList<Span> Covered => _covered;

    public int Usable { get; private set; }

    public int Suspect { get; private set; }

    public int Invalid { get; private set; }

    public TimeSpan Coverage => TimeSpan.FromTicks(_covered.Sum(s => s.To.Ticks - s.From.Ticks));

    /// <summary>True when every instant of the hour is covered: nothing arriving later can change its validity.</summary>
    public bool IsComplete => Coverage >= Hour.End - Hour.Start;

    /// <summary>Counts the part of <paramref name="reading"/> inside the hour; a reading outside it is ignored.</summary>
    public void Add(WindowReading reading)
    {
        var from = reading.Start > Hour.Start ? reading.Start : Hour.Start;
        var to = reading.End < Hour.End ? reading.End : Hour.End;
        if (to <= from) return;
        if (reading.IsUsable)
        {
            Usable++;
            Mean.Add(reading.Value!.Value, (to - from).TotalSeconds);
            Cover(new Span(from, to));
        }
        else if (reading.Quality == Quality.Suspect) Suspect++;
        else Invalid++;
    }

    public HourlyMean ToMean(ValidityRules? rules = null)
    {
        var coverage = Coverage;
        var value = coverage >= (rules ?? ValidityRules.Default).HourMinimumCoverage ? Mean.Mean : null;
        return new HourlyMean(Hour, value, coverage, Usable, Suspect, Invalid);
    }

    /// <summary>Merges <paramref name="span"/> into the covered spans; in the usual case of windows arriving in order
    /// it extends the last one.</summary>
    private void Cover(Span span)
    {
        var index = _covered.FindIndex(s => s.To >= span.From);
        if (index < 0)
        {
            _covered.Add(span);
            return;
        }
        var merged = span;
        while (index < _covered.Count && _covered[index].From <= merged.To)
        {
            var existing = _covered[index];
            merged = new Span(existing.From < merged.From ? existing.From : merged.From, existing.To > merged.To ? existing.To : merged.To);
            _covered.RemoveAt(index);
        }
        _covered.Insert(index, merged);
    }

    public readonly record struct Span(DateTimeOffset From, DateTimeOffset To);
}
