using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Readings;

namespace CityBrain.Edge.Outbox.Thinning;

/// <summary>Merges two adjacent report windows of one device into one longer window, as if the sampler had averaged
/// over both: means weighted by sample count (energy means for sound), the wider of the minima and maxima, the sum of
/// the counts, and the worse quality of the parts that have a value.</summary>
public static class ReportMerger
{
    /// <summary>True when <paramref name="second"/> follows <paramref name="first"/> without overlap and both lie in
    /// the same <paramref name="maxWindow"/>-aligned span, so the merged window never straddles an hour (or whatever
    /// boundary the cluster's statistics use).</summary>
    public static bool CanMerge(DateTimeOffset firstStart, int firstSeconds, DateTimeOffset secondStart, int secondSeconds, TimeSpan maxWindow)
    {
        var firstEnd = firstStart.AddSeconds(firstSeconds);
        var secondEnd = secondStart.AddSeconds(secondSeconds);
        return secondStart >= firstEnd && Bucket(firstStart, maxWindow) == Bucket(secondEnd.AddTicks(-1), maxWindow);
    }

    public static Telemetry Merge(Telemetry first, Telemetry second)
    {
        var byKey = new Dictionary<(Quantity, string), Reading>();
        var order = new List<(Quantity, string)>();
        foreach (var reading in first.Readings.Concat(second.Readings))
        {
            var key = (reading.Quantity, reading.Sensor);
            if (byKey.TryGetValue(key, out var earlier))
            {
                byKey[key] = Merge(earlier, reading);
            }
            else
            {
                byKey[key] = reading;
                order.Add(key);
            }
        }
        var end = second.Timestamp.AddSeconds(second.WindowSeconds);
        return first with
        {
            Sequence = Math.Min(first.Sequence, second.Sequence),
            WindowSeconds = (int)(end - first.Timestamp).TotalSeconds,
            Readings = order.Select(k => byKey[k]).ToList(),
        };
    }

    private static Reading Merge(Reading a, Reading b)
    {
        // A part without a value (invalid) adds no samples; the other part's value stands for the whole window.
        if (b.Value is null) return a;
        if (a.Value is null) return b;
        var mean = new RunningMean(a.Quantity);
        mean.Add(a.Value.Value, Math.Max(a.Count ?? 1, 1), a.Min, a.Max);
        mean.Add(b.Value.Value, Math.Max(b.Count ?? 1, 1), b.Min, b.Max);
        var worse = b.Quality > a.Quality ? b : a;
        return Reading.Of(a.Quantity, Math.Round(mean.Mean, 3), worse.Quality, a.Sensor, mean.Min, mean.Max, mean.Count, worse.Reason);
    }

    private static long Bucket(DateTimeOffset at, TimeSpan span) => at.UtcTicks / span.Ticks;
}
