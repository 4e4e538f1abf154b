using System.Runtime.InteropServices;
using System.Threading.Channels;
using CityBrain.Contracts.Journal;

namespace CityBrain.Storage.Journal;

/// <summary>Where appends wait for a journal's one committer: each caller queues its entry and waits for the outcome,
/// and the committer takes what has queued up as one group, so a group grows with the load.</summary>
public sealed class JournalAppendQueue
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the committer has settled the entry: committed, found already present, or failed.</summary>
    public ValueTask<JournalAppend> AppendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(entry);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("the raw journal is shut down and accepts no more entries");
        }
        return new ValueTask<JournalAppend>(pending.Completion.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Waits for appends and moves up to <paramref name="max"/> of them into <paramref name="group"/>; false once
    /// the queue is closed and empty. It ignores shutdown until then, so nothing already queued is abandoned.</summary>
    public async ValueTask<bool> NextGroupAsync(List<PendingAppend> group, int max)
    {
        if (!await _queue.Reader.WaitToReadAsync(CancellationToken.None)) return false;
        while (group.Count < max && _queue.Reader.TryRead(out var next)) group.Add(next);
        return true;
    }

    /// <summary>Refuses new appends; those already queued are still handed out.</summary>
    public void Close() => _queue.Writer.TryComplete();
}

/// <summary>An entry waiting for its commit, and the caller waiting for it.</summary>
public sealed record PendingAppend(JournalEntry Entry)
{
    public TaskCompletionSource<JournalAppend> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The payload as an array for a database driver. The one committer paces every commit, so a payload that
    /// is a whole array already is handed over, not copied.</summary>
    public byte[] PayloadArray() =>
        MemoryMarshal.TryGetArray(Entry.Payload, out var whole) && whole is { Offset: 0, Array: { } array } && array.Length == whole.Count
            ? array
            : Entry.Payload.ToArray();
}
