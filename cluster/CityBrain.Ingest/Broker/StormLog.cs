namespace CityBrain.Ingest.Broker;

/// <summary>One log line a minute for a kind of refusal, carrying how many happened: a storm of thousands of attempts
/// must not become thousands of lines (the log would be the next thing to fill up).</summary>
public sealed class StormLog(TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private long _count;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>True for the first event after a quiet minute, with the number of events since the last line, this one included.</summary>
    public bool ShouldLog(out long count)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _count++;
            if (now < _next)
            {
                count = 0;
                return false;
            }
            count = _count;
            _count = 0;
            _next = now + Interval;
            return true;
        }
    }
}
