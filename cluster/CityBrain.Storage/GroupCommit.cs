namespace CityBrain.Storage;

/// <summary>Group commit without a background writer: each caller queues its write, and whoever gets the writer commits
/// everything queued so far in one go, so concurrent callers share one transaction and one flush to disk.</summary>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> commit)
{
    private readonly Lock _queueLock = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private List<Pending> _queue = [];

    /// <summary>Completes once <paramref name="item"/> is committed, or throws what its commit threw.</summary>
    public async Task WriteAsync(T item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        lock (_queueLock) _queue.Add(pending);
        // Once queued, a write is committed even if this caller stops waiting: another writer may already hold it.
        await _writer.WaitAsync(cancellationToken);
        try
        {
            if (!pending.Completion.Task.IsCompleted) await CommitQueuedAsync();
        }
        finally
        {
            _writer.Release();
        }
        await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> while no commit runs, e.g. pruning the rows the commits write.</summary>
    public async Task<TResult> ExclusiveAsync<TResult>(Func<Task<TResult>> work, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task CommitQueuedAsync()
    {
        List<Pending> batch;
        lock (_queueLock) (batch, _queue) = (_queue, []);
        try
        {
            await commit([.. batch.Select(p => p.Item)]);
        }
        catch (Exception ex)
        {
            // Every caller in the batch hears of the failure, whatever it was; none is left waiting.
            foreach (var pending in batch) pending.Completion.TrySetException(ex);
            return;
        }
        foreach (var pending in batch) pending.Completion.TrySetResult();
    }

    private sealed record Pending(T Item)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
