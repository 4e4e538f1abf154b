namespace CityBrain.Edge.Sensors.Timing;

/// <summary>The one way drivers wait for a chip: a first wait of the datasheet's time, then short polls up to a
/// deadline. Every wait goes through the <see cref="TimeProvider"/>, so tests drive hours of chip time in milliseconds,
/// and every wait ends, so no chip can hang the gateway.</summary>
public static class Polling
{
    /// <summary>What every wait adds to the time asked for, against timers firing early (see <see cref="DelayAsync"/>).</summary>
    public static readonly TimeSpan TimerMargin = TimeSpan.FromMilliseconds(1);

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

    /// <summary>Waits at least <paramref name="delay"/>. Timers drop a fraction of a millisecond, which would cut a
    /// datasheet's 112.8 ms short, and count on a millisecond clock, so a timer started late in one millisecond fires up
    /// to a millisecond early: the wait is rounded up and a millisecond added. (A SCD4x asked for its next command 499.5 ms
    /// after a stop, not 500, refuses it.)</summary>
    public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero
            ? Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)) + TimerMargin, time, cancellationToken)
            : Task.CompletedTask;
}
