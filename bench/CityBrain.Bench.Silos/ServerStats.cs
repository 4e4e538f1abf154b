using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace CityBrain.Bench.Silos;

/// <summary>What PostgreSQL did, read on a connection of its own: the WAL position (bytes written since the cluster
/// began) and the next transaction id (one is taken by every transaction that writes, so the difference counts the
/// commits). Both are exact at once, unlike pg_stat's counters, which backends report up to seconds late.</summary>
internal static class PostgresStats
{
    public static async Task<(long WalBytes, long TransactionId)> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, pg_current_xact_id()::text::bigint", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Rows and on-disk bytes (table, TOAST and indexes) of the cluster's tables.</summary>
    public static async Task<IReadOnlyList<TableSize>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        var sizes = new List<TableSize>();
        foreach (var table in (string[])["raw_journal", "history", "hour_shares", "grain_state"])
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*), pg_total_relation_size('{table}'), pg_relation_size('{table}'), pg_indexes_size('{table}') FROM {table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            sizes.Add(new TableSize(table, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return sizes;
    }

    /// <summary>The mean stored payload of a journal row (the report's JSON as received).</summary>
    public static async Task<double> MeanJournalPayloadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(avg(octet_length(payload)), 0)::float8 FROM raw_journal", connection);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Journal rows per device.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> JournalRowsPerDeviceAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT device_id, count(*) FROM raw_journal GROUP BY device_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = reader.GetInt64(1);
        return rows;
    }

    /// <summary>Rows written so far: per table, the rows inserted plus updated as pg_stat_user_tables counts them
    /// (backends report those up to seconds late); and per grain state name, the writes to grain_state exactly, as the
    /// sum of the rows' versions (an insert writes version 1 and every update adds one).</summary>
    public static async Task<RowWrites> RowWritesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        var tables = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT relname::text, n_tup_ins + n_tup_upd FROM pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables[reader.GetString(0)] = reader.GetInt64(1);
        }
        var states = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT state_name, sum(version)::bigint FROM grain_state GROUP BY state_name", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) states[reader.GetString(0)] = reader.GetInt64(1);
        }
        return new RowWrites(tables, states);
    }

    /// <summary>Rows of grain_state per state name, with their mean and largest serialized state.</summary>
    public static async Task<IReadOnlyList<GrainStateSize>> GrainStateSizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT state_name, count(*), avg(octet_length(data))::float8, max(octet_length(data)) FROM grain_state GROUP BY state_name ORDER BY state_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var sizes = new List<GrainStateSize>();
        while (await reader.ReadAsync()) sizes.Add(new GrainStateSize(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt32(3)));
        return sizes;
    }

    /// <summary>Client connections (backends) the server has open right now.</summary>
    public static async Task<long> ConnectionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

internal sealed record TableSize(string Table, long Rows, long TotalBytes, long HeapBytes, long IndexBytes);

internal sealed record GrainStateSize(string StateName, long Rows, double MeanBytes, int MaxBytes);

/// <summary>See <see cref="PostgresStats.RowWritesAsync"/>.</summary>
internal sealed record RowWrites(IReadOnlyDictionary<string, long> Tables, IReadOnlyDictionary<string, long> GrainStates)
{
    public static readonly RowWrites None = new(new Dictionary<string, long>(), new Dictionary<string, long>());

    public long Table(string name) => Tables.GetValueOrDefault(name);

    public long GrainStateTotal => GrainStates.Values.Sum();
}

/// <summary>Redis's own counters from INFO: commands served and the server's CPU time.</summary>
internal static class RedisStats
{
    public static async Task<(long Commands, TimeSpan Cpu)> ReadAsync(int port)
    {
        var info = await InfoAsync(port);
        double Number(string key) => double.Parse(info[key], CultureInfo.InvariantCulture);
        return ((long)Number("total_commands_processed"), TimeSpan.FromSeconds(Number("used_cpu_sys") + Number("used_cpu_user")));
    }

    private static async Task<Dictionary<string, string>> InfoAsync(int port)
    {
        using var client = new TcpClient();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync("127.0.0.1", port, bound.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("INFO\r\n"), bound.Token);
        // A bulk reply: $<length>\r\n<text>\r\n
        var received = new List<byte>();
        var buffer = new byte[16384];
        int bodyStart = -1, length = -1;
        while (bodyStart < 0 || received.Count < bodyStart + length)
        {
            var read = await stream.ReadAsync(buffer, bound.Token);
            if (read == 0) throw new IOException($"Redis on port {port} closed the connection during INFO");
            received.AddRange(buffer.AsSpan(0, read));
            if (bodyStart < 0 && received.IndexOf((byte)'\n') is var newline and > 0)
            {
                length = int.Parse(Encoding.ASCII.GetString([.. received[1..(newline - 1)]]), CultureInfo.InvariantCulture);
                bodyStart = newline + 1;
            }
        }
        return Encoding.ASCII.GetString([.. received[bodyStart..(bodyStart + length)]]).Split('\n')
            .Select(l => l.TrimEnd('\r')).Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }
}
