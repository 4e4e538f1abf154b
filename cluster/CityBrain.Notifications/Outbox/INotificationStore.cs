namespace CityBrain.Notifications.Outbox;

/// <summary>The durable outbox: a notification is here before anyone is told it was accepted, so a restart loses none.
/// A recipient's key is stored once. SQLite on one machine, the shared PostgreSQL in a cluster, where every node's
/// sender takes work from it: taking is a claim, so two nodes never send the same notification at once.</summary>
public interface INotificationStore
{
    /// <summary>Stores a new notification; false, and nothing changes, when its recipient already has its key.</summary>
    Task<bool> AddAsync(NotificationRecord record, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> pending notifications due at <paramref name="now"/> (the longest due
    /// first), each moved to <paramref name="claimedUntil"/> so no other sender takes it meanwhile; returned oldest first.</summary>
    Task<IReadOnlyList<NotificationRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset claimedUntil, int count, CancellationToken cancellationToken = default);

    /// <summary>When the earliest pending notification is due; null when none is pending.</summary>
    Task<DateTimeOffset?> NextAttemptAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes what became of a pending notification (state, attempts, next attempt, finish, error); a
    /// notification no longer pending is left as it is.</summary>
    Task UpdateAsync(NotificationRecord record, CancellationToken cancellationToken = default);

    /// <summary>Moves a dead notification back to pending, due at <paramref name="now"/> with its attempts counted
    /// anew; null when the recipient has no dead notification of that key.</summary>
    Task<NotificationRecord?> RequeueAsync(string recipientId, string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<NotificationRecord?> FindAsync(string recipientId, string key, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="count"/> notifications in <paramref name="state"/>, newest first (by when they
    /// finished, or were created while pending).</summary>
    Task<IReadOnlyList<NotificationRecord>> LatestAsync(NotificationState state, int count, CancellationToken cancellationToken = default);

    /// <summary>Deletes sent and dead notifications finished before <paramref name="finishedBefore"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default);
}
