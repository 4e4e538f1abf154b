using Orleans;
using Orleans.Runtime;

namespace CityBrain.Grains.Reporting;

/// <summary>Runs an action at most once per period after something changed: grains use it to report upward and to
/// save state without doing either per message. The timer exists only while a change is pending, so a million idle
/// grains cost no timer ticks.</summary>
internal sealed class DeferredAction(IGrainBase grain, TimeProvider time, TimeSpan period, Func<CancellationToken, Task> action)
{
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;
    private IGrainTimer? _timer;

    public bool Pending => _timer is not null;

    public void MarkChanged()
    {
        if (_timer is not null) return;
        var due = _lastRun == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastRun + period - time.GetUtcNow();
        _timer = grain.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1),
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    /// <summary>Runs now if a change is pending; used when the grain deactivates, so a failure is not retried.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _timer is null ? Task.CompletedTask : RunAsync(retry: false, cancellationToken);

    private Task RunAsync(CancellationToken cancellationToken) => RunAsync(retry: true, cancellationToken);

    private async Task RunAsync(bool retry, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        _lastRun = time.GetUtcNow();
        try
        {
            await action(cancellationToken);
        }
        // Not judged by the token: disposing the one-shot timer above has cancelled it already.
        catch (Exception ex) when (retry && ex is not OperationCanceledException)
        {
            // The target may live on a silo that died and is not yet declared dead, or the database may be away: what
            // was to be reported or saved is still pending, and the next change that would send it may never come.
            MarkChanged();
            throw;
        }
    }
}
