namespace CityBrain.Edge.Link;

/// <summary>When the broker took this gateway's session over lately.</summary>
/// <remarks>Counting only the recent ones lets the backoff and the warning fade by themselves once the other gateway
/// is gone.</remarks>
public sealed class TakeoverHistory(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>Take-overs within <see cref="Window"/> that mean a second gateway: one is a technician's provision or check.</summary>
    public const int Conflicting = 2;

    private readonly Queue<DateTimeOffset> _times = new();
    private readonly Lock _lock = new();

    /// <summary>Take-overs within the last <see cref="Window"/>.</summary>
    public int Recent
    {
        get
        {
            lock (_lock)
            {
                Prune();
                return _times.Count;
            }
        }
    }

    /// <summary>Records one now; returns how many are recent, this one included.</summary>
    public int Add()
    {
        lock (_lock)
        {
            _times.Enqueue(time.GetUtcNow());
            Prune();
            return _times.Count;
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        while (_times.Count > 0 && now - _times.Peek() > Window) _times.Dequeue();
    }
}
