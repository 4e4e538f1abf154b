namespace CityBrain.Notifications.Delivery;

/// <summary>Exponential backoff with jitter: after failure n the wait is drawn between half and all of
/// min(base·2^(n-1), max), so senders that failed together (a robot down for everyone) do not retry together, and the
/// wait never exceeds the full value.</summary>
public sealed class RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public static RetryPolicy Of(NotificationOptions options) => new(options.MaxAttempts, options.BaseDelay, options.MaxDelay);

    /// <summary>Whether a notification that has now failed <paramref name="failures"/> times is given up.</summary>
    public bool IsExhausted(int failures) => failures >= maxAttempts;

    /// <summary>The full, unjittered wait after failure number <paramref name="failures"/> (1 for the first).</summary>
    public TimeSpan Ceiling(int failures)
    {
        // Doubling past 2^30 overflows long before any configured maximum matters.
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks));
    }

    public TimeSpan DelayAfter(int failures)
    {
        var ceiling = Ceiling(failures);
        return ceiling / 2 + ceiling / 2 * _random();
    }
}
