using CityBrain.Contracts.Topics;
using CityBrain.Edge.Outbox.Thinning;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Outbox;

/// <summary>Where every report waits until the broker has acknowledged it: one SQLite file (WAL, full sync) holding
/// the queues of one gateway, or of many gateways of a simulated fleet. A report is committed before it can be sent
/// and deleted only after its PUBACK; its sequence number is allocated in the same transaction, so it never repeats,
/// not even after a power cut. The file stays within <see cref="OutboxOptions.DiskBudgetBytes"/> by thinning old
/// reports, and dropping only when nothing is left to thin.</summary>
public sealed class SqliteOutbox : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly OutboxWriter _writer;
    private readonly DiskFull _diskFull;

    private SqliteOutbox(SqliteDatabase database, OutboxOptions options, TimeProvider time, IFreeSpace freeSpace, ILogger logger)
    {
        _database = database;
        Options = options;
        Time = time;
        _diskFull = new DiskFull(database.Path, time, logger);
        var budget = new DiskBudget(database.Path, options, freeSpace);
        var thinner = new OutboxThinner(budget, options.MaxThinnedWindow, logger);
        var connection = database.Open();
        budget.Configure(connection);
        // A smaller budget than last time applies at once, not only after the next report.
        thinner.Enforce(connection);
        _writer = new OutboxWriter(connection, thinner.Enforce, _diskFull, logger);
    }

    public string Path => _database.Path;

    public OutboxOptions Options { get; }

    internal TimeProvider Time { get; }

    /// <param name="freeSpace">Where the free space on the outbox's volume comes from; the file system itself by default.</param>
    /// <exception cref="OutboxException">The file is not an outbox this gateway can use.</exception>
    public static SqliteOutbox Open(string path, OutboxOptions options, TimeProvider time, ILogger<SqliteOutbox> logger, IFreeSpace? freeSpace = null)
    {
        if (options.Problems().FirstOrDefault() is { } problem) throw new ArgumentException(problem, nameof(options));
        SqliteDatabase database;
        try
        {
            database = new SqliteDatabase(path, SqliteDurability.Full);
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version; SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                var version = reader.GetInt64(0);
                reader.NextResult();
                reader.Read();
                var tables = reader.GetInt64(0);
                if (version != OutboxRows.SchemaVersion && (version != 0 || tables > 0))
                {
                    throw new OutboxException($"{path} holds outbox schema {version} (this gateway reads {OutboxRows.SchemaVersion}) or is not an outbox: move it aside and start again");
                }
            }
            SqliteDatabase.Execute(connection, OutboxRows.Schema + $"PRAGMA user_version = {OutboxRows.SchemaVersion};");
        }
        catch (SqliteException ex)
        {
            throw new OutboxException($"the outbox {path} cannot be opened: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new OutboxException($"no permission to write the outbox {path}: the data directory must belong to the service user", ex);
        }
        return new SqliteOutbox(database, options, time, freeSpace ?? DriveFreeSpace.Instance, logger);
    }

    /// <summary>The queue of one device.</summary>
    public DeviceOutbox Device(string deviceId)
    {
        Identifier.Require(deviceId, "device");
        return new DeviceOutbox(this, deviceId);
    }

    /// <summary>The file's size with its write-ahead log, for health and status.</summary>
    public long FileBytes() => DiskBudget.FileBytes(Path);

    /// <summary>Since when writes fail because the disk is full; null while they go through.</summary>
    public DateTimeOffset? DiskFullSince => _diskFull.Since;

    internal Task<T> WriteAsync<T>(Func<WriteScope, T> write, CancellationToken cancellationToken) => _writer.WriteAsync(write, cancellationToken);

    internal SqliteConnection OpenReader() => _database.Open();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

/// <summary>The outbox cannot be used; the message says why and what to do.</summary>
public sealed class OutboxException(string message, Exception? inner = null) : Exception(message, inner);
