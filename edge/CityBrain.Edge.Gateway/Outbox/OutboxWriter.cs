using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Outbox;

/// <summary>The outbox's one writing connection. Writes from every caller queue up and are committed together
/// (group commit), so a burst of reports from many gateways, or a drain's stream of acknowledgements, shares one disk
/// sync instead of paying one each. A caller's task completes only once its write is committed.</summary>
internal sealed class OutboxWriter : IAsyncDisposable
{
    private const int MaxGroup = 512;
    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly Action<SqliteConnection> _afterCommit;
    private readonly DiskFull _diskFull;
    private readonly ILogger _logger;
    private readonly Task _loop;

    /// <param name="afterCommit">Runs on the writer between groups, e.g. to enforce the disk budget.</param>
    public OutboxWriter(SqliteConnection connection, Action<SqliteConnection> afterCommit, DiskFull diskFull, ILogger logger)
    {
        _connection = connection;
        _afterCommit = afterCommit;
        _diskFull = diskFull;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<WriteScope, T> write, CancellationToken cancellationToken)
    {
        var queued = new QueuedWrite<T>(write);
        if (!_queue.Writer.TryWrite(queued)) throw new ObjectDisposedException(nameof(SqliteOutbox), "the outbox is closed");
        // Cancelling stops the wait, not the write: once queued, a report is committed either way.
        return queued.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Commits what is already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _connection.DisposeAsync();
    }

    private async Task RunAsync()
    {
        var group = new List<IQueuedWrite>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next)) group.Add(next);
            var done = Commit(group);
            group.Clear();
            // Before the writers hear back: once a report's task completes, the outbox is within its budget again.
            try
            {
                _afterCommit(_connection);
            }
            catch (SqliteException ex) when (DiskFull.Is(ex))
            {
                _diskFull.Report();
            }
            catch (SqliteException ex)
            {
                _logger.LogError(ex, "Outbox maintenance failed; it is tried again after the next write");
            }
            foreach (var write in done) write.Complete();
        }
    }

    /// <summary>Commits the group; returns the writes that are now stored, to be completed by the caller.</summary>
    private List<IQueuedWrite> Commit(List<IQueuedWrite> group)
    {
        var done = new List<IQueuedWrite>(group.Count);
        try
        {
            using var transaction = _connection.BeginTransaction();
            var scope = new WriteScope(_connection, transaction);
            foreach (var write in group)
            {
                // A savepoint per write: one failing write (a bug, a constraint) must not take its neighbours down.
                scope.Execute("SAVEPOINT write");
                try
                {
                    write.Execute(scope);
                    scope.Execute("RELEASE write");
                    done.Add(write);
                }
                catch (Exception ex) when (!FailsTheWholeGroup(ex))
                {
                    scope.Execute("ROLLBACK TO write; RELEASE write");
                    write.Fail(ex);
                }
            }
            transaction.Commit();
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            if (DiskFull.Is(ex)) _diskFull.Report();
            else _logger.LogError(ex, "Outbox commit of {Count} writes failed; none of them was stored", group.Count);
            // Every write of the group, not only those that ran: the one that failed and those after it wait too.
            foreach (var write in group) write.Fail(ex);
            return [];
        }
        _diskFull.Clear();
        return done;
    }

    /// <summary>A full disk or an I/O error spoils the transaction itself, not just one write.</summary>
    private static bool FailsTheWholeGroup(Exception ex) =>
        ex is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_IOERR };

    private interface IQueuedWrite
    {
        void Execute(WriteScope scope);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T>(Func<WriteScope, T> write) : IQueuedWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Execute(WriteScope scope) => _result = write(scope);

        public void Complete() => Completion.TrySetResult(_result!);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}

/// <summary>The connection and transaction a queued write runs in.</summary>
internal readonly record struct WriteScope(SqliteConnection Connection, SqliteTransaction Transaction)
{
    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }
}
