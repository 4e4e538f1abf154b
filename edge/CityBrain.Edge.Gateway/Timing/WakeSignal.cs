namespace CityBrain.Edge.Timing;

/// <summary>A wake-up call for a loop that otherwise looks around on its own every so often: the wait ends at the
/// signal or after the timeout, measured by the <see cref="TimeProvider"/>. Signals while nobody waits collapse into one.</summary>
public sealed class WakeSignal(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the waiter wakes once either way.
        }
    }

    /// <summary>Waits for the signal or the timeout; only <paramref name="cancellationToken"/> makes it throw.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(_signal.WaitAsync(wait.Token), Task.Delay(timeout, time, wait.Token));
        await wait.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose() => _signal.Dispose();
}
