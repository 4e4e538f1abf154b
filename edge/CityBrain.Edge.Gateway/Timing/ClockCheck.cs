using CityBrain.Contracts.Parsing;
using System.Globalization;
using System.Reflection;

namespace CityBrain.Edge.Timing;

/// <summary>Whether the wall clock may stamp reports. A Raspberry Pi has no battery clock: until NTP sets it after
/// boot, it runs from the last shutdown or from 1970. A clock before the software's build date is certainly wrong,
/// and reports are held back until it is right. Steps of the wall clock against the monotonic clock reveal how far
/// off it was before a correction.</summary>
public sealed class ClockCheck
{
    /// <summary>A step smaller than this is scheduling noise, not a correction.</summary>
    private static readonly TimeSpan StepThreshold = TimeSpan.FromSeconds(2);
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _wall;
    private long _monotonic;
    private TimeSpan? _lastStep;

    public ClockCheck(TimeProvider time, DateTimeOffset buildDate)
    {
        _time = time;
        BuildDate = buildDate;
        _wall = time.GetUtcNow();
        _monotonic = time.GetTimestamp();
    }

    public DateTimeOffset BuildDate { get; }

    public bool IsTrusted => _time.GetUtcNow() >= BuildDate;

    /// <summary>The clock's error as far as the gateway can tell, in seconds (negative: behind). Before the build
    /// date, at least the distance to it; after a step, the step reversed; otherwise unknown (null).</summary>
    public double? SkewSeconds
    {
        get
        {
            Observe();
            var now = _time.GetUtcNow();
            if (now < BuildDate) return Math.Round((now - BuildDate).TotalSeconds);
            lock (_gate) return _lastStep is { } step ? Math.Round(-step.TotalSeconds, 1) : null;
        }
    }

    /// <summary>Compares how far the wall clock and the monotonic clock moved since the last look.</summary>
    public void Observe()
    {
        lock (_gate)
        {
            var wall = _time.GetUtcNow();
            var monotonic = _time.GetTimestamp();
            var step = wall - _wall - _time.GetElapsedTime(_monotonic, monotonic);
            if (step.Duration() >= StepThreshold) _lastStep = step;
            _wall = wall;
            _monotonic = monotonic;
        }
    }

    /// <summary>The build date stamped into <paramref name="assembly"/> (metadata <c>BuildDate</c>, yyyy-MM-dd).</summary>
    public static DateTimeOffset BuildDateOf(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildDate")?.Value is { } text
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            // Without a stamp, the earliest time the cluster accepts: a clock before it is surely unset.
            : WireFormat.EarliestTimestamp;
}
