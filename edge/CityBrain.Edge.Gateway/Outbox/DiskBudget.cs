using Microsoft.Data.Sqlite;

namespace CityBrain.Edge.Outbox;

/// <summary>The outbox's share of the disk: the configured budget, or less when the volume runs low. Other files
/// (logs, other programs) fill the same volume, so the outbox may grow only into the free space above a reserve;
/// otherwise the disk fills before thinning ever starts.</summary>
internal sealed class DiskBudget(string path, OutboxOptions options, IFreeSpace freeSpace)
{
    private readonly string _directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;

    /// <summary>The share at the configured budget, which sizes the write-ahead log's limits once at start.</summary>
    public BudgetShare Configured { get; } = new(options.DiskBudgetBytes);

    /// <summary>The share as the volume stands now.</summary>
    public BudgetShare Current() =>
        new(options.EffectiveBudgetBytes(FileBytes(path), freeSpace.AvailableBytes(_directory)));

    public void Configure(SqliteConnection connection)
    {
        var pageSize = Pragma(connection, "page_size");
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_size_limit = {Configured.WalBytes}; PRAGMA wal_autocheckpoint = {Math.Max(Configured.WalBytes / 2 / pageSize, 4)};";
        command.ExecuteNonQuery();
    }

    /// <summary>What the outbox takes on disk now: the database file and its write-ahead log.</summary>
    public static long FileBytes(string path) =>
        new[] { path, path + "-wal" }.Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length);

    public bool FilesOver(BudgetShare share) => FileBytes(path) > share.TotalBytes;

    public static long UsedBytes(SqliteConnection connection) =>
        (Pragma(connection, "page_count") - Pragma(connection, "freelist_count")) * Pragma(connection, "page_size");

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)command.ExecuteScalar()!;
    }
}

/// <summary>A budget split between the database and its write-ahead log. The database is measured by its pages in
/// use: freed pages are reused before the file grows, so keeping the pages in use within the budget keeps the file
/// within it. The log may use its share between checkpoints; once the two files together pass the budget, the log is
/// checkpointed and truncated.</summary>
internal readonly record struct BudgetShare(long TotalBytes)
{
    /// <summary>The log is checkpointed at half of this and truncated back to it afterwards.</summary>
    public long WalBytes => Math.Clamp(TotalBytes / 8, 32 * 1024, 8 * 1024 * 1024);

    public long DatabaseBytes => TotalBytes - WalBytes;

    /// <summary>Thinning goes on until the database is back under this, so it does not run again after every report.</summary>
    public long LowWaterBytes => DatabaseBytes * 9 / 10;
}
