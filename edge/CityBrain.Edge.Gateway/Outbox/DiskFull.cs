using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Outbox;

/// <summary>A full disk is a state of the volume, not a bug in the gateway: while it lasts the log gets one warning
/// every few minutes without a stack trace, and health and status say so. It lasts until a write goes through again.</summary>
internal sealed partial class DiskFull(string outboxPath, TimeProvider time, ILogger logger)
{
    private const int NoSpace = 28; // ENOSPC: .NET's IOException carries the errno as its HResult on Linux.
    private static readonly TimeSpan Repeat = TimeSpan.FromMinutes(5);
    private readonly Lock _lock = new();
    private DateTimeOffset? _since;
    private DateTimeOffset? _warned;

    public DateTimeOffset? Since
    {
        get
        {
            lock (_lock) return _since;
        }
    }

    public static bool Is(Exception ex) =>
        ex is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL } or IOException { HResult: NoSpace };

    public void Report()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _since ??= now;
            if (_warned is { } warned && now - warned < Repeat) return;
            _warned = now;
        }
        Full(logger, outboxPath, DiskBudget.FileBytes(outboxPath));
    }

    public void Clear()
    {
        lock (_lock)
        {
            if (_since is null) return;
            _since = null;
        }
        Recovered(logger, outboxPath);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The disk of the outbox {Path} is full; the outbox holds {OutboxBytes} bytes and its oldest reports are being thinned to make room; free space on that file system")]
    private static partial void Full(ILogger logger, string path, long outboxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "The disk of the outbox {Path} has room again; reports are stored as before")]
    private static partial void Recovered(ILogger logger, string path);
}
