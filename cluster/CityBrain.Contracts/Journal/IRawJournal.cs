namespace CityBrain.Contracts.Journal;

/// <summary>The durable record of every accepted telemetry message, and the source every number is computed from:
/// grain state is only a cache of it. <see cref="AppendAsync"/> completes only once the entry is committed, so a caller
/// may acknowledge the message to its sender afterwards. A (device, sequence) is kept once: appending it again adds
/// nothing and says so, which is what makes redelivery after a crash harmless.</summary>
public interface IRawJournal
{
    ValueTask<JournalAppend> AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default);

    /// <summary>A device's entries after <paramref name="position"/>, in the order they were committed: what a device
    /// grain has not applied yet.</summary>
    IAsyncEnumerable<JournalEntry> ReadDeviceAfterAsync(string deviceId, long position, CancellationToken cancellationToken = default);

    /// <summary>Every entry whose window starts in [<paramref name="from"/>, <paramref name="to"/>), optionally of one
    /// district, by device and then in the order they were committed: what <c>replay</c> recomputes a range from.</summary>
    IAsyncEnumerable<JournalEntry> ReadRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null, CancellationToken cancellationToken = default);

    /// <summary>A device's entries whose window starts in [<paramref name="from"/>, <paramref name="to"/>), by window start
    /// and then sequence, oldest or newest first: a device's series as the open-data interfaces page through it, read
    /// as it is consumed so that a reader that stops early reads no further.</summary>
    IAsyncEnumerable<JournalEntry> ReadDeviceWindowsAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, bool newestFirst = false,
        CancellationToken cancellationToken = default);

    /// <summary>The entry of one (device, sequence); null when the journal has none.</summary>
    Task<JournalEntry?> FindAsync(string deviceId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>How many entries <see cref="ReadRangeAsync"/> yields for the same arguments.</summary>
    Task<long> CountRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null, CancellationToken cancellationToken = default);

    /// <summary>The devices that had an entry committed at or after <paramref name="since"/> (by the cluster's receive
    /// time): after a crash, the ones that may have entries their grain never applied.</summary>
    Task<IReadOnlyList<string>> DevicesReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>When the newest entry was received; null for an empty journal.</summary>
    Task<DateTimeOffset?> LastReceivedAsync(CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>What an append did: <see cref="Added"/> false when the (device, sequence) was already in the journal.</summary>
/// <param name="Position">The entry's place in commit order (increasing, not contiguous); 0 when not added.</param>
public readonly record struct JournalAppend(bool Added, long Position)
{
    public static readonly JournalAppend AlreadyPresent = new(false, 0);
}
