namespace CityBrain.Edge.Sensors.Timing;

/// <summary>The one way drivers wait for a chip: a first wait of the datasheet's time, then short polls up to a
/// deadline. Every wait goes through the <see cref="TimeProvider"/>, so tests drive hours of chip time in milliseconds,
/// and every wait ends, so no chip can hang the gateway.</summary>
public static class Polling
{
    /// <summary>Calls <paramref name="ready"/> after <paramref name="first"/>, then every <paramref name="interval"/>,
    /// until it returns true or <paramref name="timeout"/> (counted from the call) has passed.</summary>
    /// <returns>Whether the chip became ready in time; the caller raises the error that names what it waited for.</returns>
    public static ValueTask<bool> UntilAsync(TimeProvider time, TimeSpan first, TimeSpan interval, TimeSpan timeout,
        Func<bool> ready, CancellationToken cancellationToken) =>
        UntilAsync(time, first, interval, timeout, _ => ValueTask.FromResult(ready()), cancellationToken);

    /// <summary>As above, for a check that itself talks to the chip and waits for its answer.</summary>
    public static async ValueTask<bool> UntilAsync(TimeProvider time, TimeSpan first, TimeSpan interval, TimeSpan timeout,
        Func<CancellationToken, ValueTask<bool>> ready, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        await DelayAsync(time, first, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (await ready(cancellationToken).ConfigureAwait(false)) return true;
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero) return false;
            await DelayAsync(time, left < interval ? left : interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits at least <paramref name="delay"/>: timers count whole milliseconds and drop the fraction, which
    /// would cut a datasheet's 112.8 ms short, so the wait is rounded up.</summary>
    public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero
            ? Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)), time, cancellationToken)
            : Task.CompletedTask;
}
