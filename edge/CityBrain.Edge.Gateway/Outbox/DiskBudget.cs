using Microsoft.Data.Sqlite;

namespace CityBrain.Edge.Outbox;

/// <summary>The outbox's share of the disk, split between the database and its write-ahead log. The database is
/// measured by its pages in use: freed pages are reused before the file grows, so keeping the pages in use within
/// the budget keeps the file within it. The log may use its share between checkpoints; once the two files together
/// pass the budget, the log is checkpointed and truncated.</summary>
internal sealed class DiskBudget
{
    private readonly string _path;

    public DiskBudget(string path, long totalBytes)
    {
        _path = path;
        TotalBytes = totalBytes;
        WalBytes = Math.Clamp(totalBytes / 8, 32 * 1024, 8 * 1024 * 1024);
        DatabaseBytes = totalBytes - WalBytes;
    }

    public long TotalBytes { get; }

    /// <summary>The log is checkpointed at half of this and truncated back to it afterwards.</summary>
    public long WalBytes { get; }

    public long DatabaseBytes { get; }

    /// <summary>Thinning goes on until the database is back under this, so it does not run again after every report.</summary>
    public long LowWaterBytes => DatabaseBytes * 9 / 10;

    public void Configure(SqliteConnection connection)
    {
        var pageSize = Pragma(connection, "page_size");
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_size_limit = {WalBytes}; PRAGMA wal_autocheckpoint = {Math.Max(WalBytes / 2 / pageSize, 4)};";
        command.ExecuteNonQuery();
    }

    /// <summary>What the outbox takes on disk now: the database file and its write-ahead log.</summary>
    public static long FileBytes(string path) =>
        new[] { path, path + "-wal" }.Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length);

    public bool FilesOverBudget() => FileBytes(_path) > TotalBytes;

    public static long UsedBytes(SqliteConnection connection) =>
        (Pragma(connection, "page_count") - Pragma(connection, "freelist_count")) * Pragma(connection, "page_size");

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)command.ExecuteScalar()!;
    }
}
