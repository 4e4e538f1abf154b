using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;

namespace CityBrain.Edge.Outbox;

/// <summary>The outbox's tables and the writes more than one operation makes.</summary>
internal static class OutboxRows
{
    public const int SchemaVersion = 1;

    public const string Schema = """
        CREATE TABLE IF NOT EXISTS devices (
            device        TEXT PRIMARY KEY,
            next_sequence INTEGER NOT NULL DEFAULT 0,
            thinned       INTEGER NOT NULL DEFAULT 0,
            dropped       INTEGER NOT NULL DEFAULT 0,
            refused       INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS outbox (
            id             INTEGER PRIMARY KEY,
            device         TEXT NOT NULL,
            sequence       INTEGER NOT NULL,
            window_start   INTEGER NOT NULL,
            window_seconds INTEGER NOT NULL,
            created_at     INTEGER NOT NULL,
            attempted      INTEGER NOT NULL DEFAULT 0,
            payload        BLOB NOT NULL,
            UNIQUE (device, sequence)
        );
        CREATE INDEX IF NOT EXISTS outbox_age ON outbox (window_start);
        CREATE TABLE IF NOT EXISTS refused (
            id         INTEGER PRIMARY KEY,
            device     TEXT NOT NULL,
            sequence   INTEGER NOT NULL,
            refused_at INTEGER NOT NULL,
            reason     TEXT NOT NULL,
            payload    BLOB NOT NULL
        );
        """;

    /// <summary>How many refused reports are kept for a technician to look at; older ones are deleted.</summary>
    public const int RefusedKept = 1000;

    public static void Insert(WriteScope scope, string device, Telemetry report, long createdAtMilliseconds)
    {
        using var insert = scope.Command("""
            INSERT INTO outbox (device, sequence, window_start, window_seconds, created_at, payload)
            VALUES ($device, $sequence, $window, $seconds, $created, $payload)
            """);
        insert.Parameters.AddWithValue("$device", device);
        insert.Parameters.AddWithValue("$sequence", report.Sequence);
        insert.Parameters.AddWithValue("$window", report.Timestamp.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$seconds", report.WindowSeconds);
        insert.Parameters.AddWithValue("$created", createdAtMilliseconds);
        insert.Parameters.AddWithValue("$payload", WireFormat.Serialize(report));
        insert.ExecuteNonQuery();
    }

    public static void Count(WriteScope scope, string device, OutboxCounter counter, long by)
    {
        var column = counter switch
        {
            OutboxCounter.Thinned => "thinned",
            OutboxCounter.Dropped => "dropped",
            _ => "refused",
        };
        using var update = scope.Command($"UPDATE devices SET {column} = {column} + $by WHERE device = $device");
        update.Parameters.AddWithValue("$by", by);
        update.Parameters.AddWithValue("$device", device);
        update.ExecuteNonQuery();
    }
}

/// <summary>What the outbox counts per device besides its queue: reports that left it other than by delivery.</summary>
internal enum OutboxCounter
{
    Thinned,
    Dropped,
    Refused,
}
