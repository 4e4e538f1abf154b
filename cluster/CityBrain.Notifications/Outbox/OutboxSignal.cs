namespace CityBrain.Notifications.Outbox;

/// <summary>Wakes the sender when this node enqueues, so a notification leaves at once rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _raised = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Raise() => Volatile.Read(ref _raised).TrySetResult();

    /// <summary>Forgets a raise that was already seen; called before the sender looks for work, so one raised while it
    /// works is still seen afterwards.</summary>
    public void Reset()
    {
        var raised = Volatile.Read(ref _raised);
        if (raised.Task.IsCompleted) Interlocked.CompareExchange(ref _raised, new(TaskCreationOptions.RunContinuationsAsynchronously), raised);
    }

    /// <summary>Waits until raised or <paramref name="timeout"/> has passed on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _raised).Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Time to look again; nothing was raised.
        }
    }
}
