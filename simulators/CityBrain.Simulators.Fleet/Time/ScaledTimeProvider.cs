namespace CityBrain.Simulators.Fleet.Time;

/// <summary>Simulated time: starts at <c>start</c> and runs <c>scale</c> times as fast as the clock beneath it, so a
/// simulated day passes in 24 minutes at scale 60. Timers and delays shrink by the same factor, which makes every
/// <c>Task.Delay(…, time)</c> in the fleet accelerate without knowing it.</summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _beneath;
    private readonly DateTimeOffset _start;
    private readonly long _origin;

    public ScaledTimeProvider(TimeProvider beneath, DateTimeOffset start, double scale)
    {
        if (!double.IsFinite(scale) || scale <= 0) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the time scale must be a positive number");
        _beneath = beneath;
        _start = start;
        Scale = scale;
        _origin = beneath.GetTimestamp();
    }

    public double Scale { get; }

    public override DateTimeOffset GetUtcNow() => _start + _beneath.GetElapsedTime(_origin) * Scale;

    public override TimeZoneInfo LocalTimeZone => _beneath.LocalTimeZone;

    public override long TimestampFrequency => _beneath.TimestampFrequency;

    public override long GetTimestamp() => _origin + (long)((_beneath.GetTimestamp() - _origin) * Scale);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_beneath.CreateTimer(callback, state, ToBeneath(dueTime), ToBeneath(period)), this);

    /// <summary>A simulated span as the clock beneath sees it; infinite stays infinite.</summary>
    public TimeSpan ToBeneath(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan || simulated <= TimeSpan.Zero ? simulated : simulated / Scale;

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider time) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(time.ToBeneath(dueTime), time.ToBeneath(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
