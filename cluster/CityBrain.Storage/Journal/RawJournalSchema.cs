using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CityBrain.Storage.Journal;

/// <summary>The journal's table, versioned with SQLite's <c>user_version</c> and migrated in place when the host
/// opens an older file.</summary>
internal static class RawJournalSchema
{
    public const int Version = 2;

    public static void Migrate(SqliteConnection connection, ILogger logger)
    {
        var version = UserVersion(connection);
        if (version == Version) return;
        if (version > Version)
        {
            throw new InvalidOperationException(
                $"journal {connection.DataSource} has schema version {version}, newer than this host's {Version}: run a host at least as new as the one that wrote it");
        }
        // A plain BEGIN rather than a transaction object: the steps below are commands of their own.
        Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            Upgrade(connection, logger);
            Execute(connection, $"PRAGMA user_version = {Version}; COMMIT;");
        }
        catch
        {
            Execute(connection, "ROLLBACK;");
            throw;
        }
    }

    private static void Upgrade(SqliteConnection connection, ILogger logger)
    {
        // Position is the row id: appends go to the end of the table, and a device's unapplied tail is one index range.
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS raw_journal (
                position     INTEGER PRIMARY KEY,
                device_id    TEXT NOT NULL,
                sequence     INTEGER NOT NULL,
                district     TEXT NOT NULL,
                window_start INTEGER NOT NULL,
                received_at  INTEGER NOT NULL,
                payload      BLOB NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS raw_journal_sequence ON raw_journal (device_id, sequence);
            CREATE INDEX IF NOT EXISTS raw_journal_device ON raw_journal (device_id, position);
            CREATE INDEX IF NOT EXISTS raw_journal_window ON raw_journal (window_start);
            -- Version 2: a device's series by window, which the open-data interfaces page through.
            CREATE INDEX IF NOT EXISTS raw_journal_device_window ON raw_journal (device_id, window_start, sequence);
            """);
        if (TableExists(connection, "raw_telemetry"))
        {
            // Version 0 kept no order. Its entries get negative positions in the order they were received: grains
            // that applied them never see them again, and replay still reads them by window.
            var migrated = Execute(connection, """
                INSERT INTO raw_journal (position, device_id, sequence, district, window_start, received_at, payload)
                SELECT ROW_NUMBER() OVER (ORDER BY received_at, device_id, sequence) - (SELECT count(*) FROM raw_telemetry) - 1,
                       device_id, sequence, district, window_start, received_at, payload
                FROM raw_telemetry;
                DROP TABLE raw_telemetry;
                """);
            logger.LogInformation("Raw journal {DatabasePath} migrated {Count} entries from schema version 0", connection.DataSource, migrated);
        }
    }

    public static long LastPosition(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(position) FROM raw_journal";
        return command.ExecuteScalar() is long last && last > 0 ? last : 0;
    }

    private static long UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }

    private static bool TableExists(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
