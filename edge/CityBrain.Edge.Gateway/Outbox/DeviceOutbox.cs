using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;

namespace CityBrain.Edge.Outbox;

/// <summary>One device's queue in the outbox: reports go in with the device's next sequence number, come out
/// oldest first, and leave on acknowledgement or, refused for good, into the set-aside table.</summary>
public sealed class DeviceOutbox
{
    private readonly SqliteOutbox _outbox;

    internal DeviceOutbox(SqliteOutbox outbox, string deviceId)
    {
        _outbox = outbox;
        DeviceId = deviceId;
    }

    public string DeviceId { get; }

    /// <summary>The outbox file this queue lives in.</summary>
    public SqliteOutbox Store => _outbox;

    /// <summary>Commits one report window and returns its sequence number. When the task completes the report is on
    /// disk (fully synced) and survives a crash or a power cut.</summary>
    public Task<long> EnqueueAsync(DateTimeOffset windowStart, TimeSpan window, IReadOnlyList<Reading> readings, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(readings.Count, nameof(readings));
        if (windowStart.Offset != TimeSpan.Zero) throw new ArgumentException("window starts are UTC", nameof(windowStart));
        var created = _outbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return _outbox.WriteAsync(scope =>
        {
            // A device's first sequence is the clock in milliseconds, not 0: a gateway re-imaged or given a new outbox
            // then starts far above everything it sent before (one report a minute never catches up with the clock),
            // so the cluster, which drops what it has seen, does not take its new reports for old duplicates.
            using var next = scope.Command("""
                INSERT INTO devices (device, next_sequence) VALUES ($device, $first + 1)
                ON CONFLICT (device) DO UPDATE SET next_sequence = next_sequence + 1
                RETURNING next_sequence - 1
                """);
            next.Parameters.AddWithValue("$device", DeviceId);
            next.Parameters.AddWithValue("$first", created);
            var sequence = (long)next.ExecuteScalar()!;
            OutboxRows.Insert(scope, DeviceId, new Telemetry(Telemetry.CurrentVersion, DeviceId, sequence, windowStart, (int)window.TotalSeconds, readings), created);
            return sequence;
        }, cancellationToken);
    }

    /// <summary>The oldest reports after <paramref name="afterSequence"/>, marked as handed to the broker before they
    /// are returned, so that thinning leaves them alone from now on.</summary>
    public Task<IReadOnlyList<OutboxEntry>> LeaseAsync(long afterSequence, int count, CancellationToken cancellationToken = default) =>
        _outbox.WriteAsync<IReadOnlyList<OutboxEntry>>(scope =>
        {
            var entries = new List<OutboxEntry>(Math.Min(count, 256));
            using (var select = scope.Command("""
                SELECT sequence, window_start, window_seconds, created_at, payload FROM outbox
                WHERE device = $device AND sequence > $after ORDER BY sequence LIMIT $count
                """))
            {
                select.Parameters.AddWithValue("$device", DeviceId);
                select.Parameters.AddWithValue("$after", afterSequence);
                select.Parameters.AddWithValue("$count", count);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    entries.Add(new OutboxEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt32(2),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), (byte[])reader[4]));
                }
            }
            if (entries.Count > 0)
            {
                using var mark = scope.Command("""
                    UPDATE outbox SET attempted = 1
                    WHERE device = $device AND sequence > $after AND sequence <= $last AND attempted = 0
                    """);
                mark.Parameters.AddWithValue("$device", DeviceId);
                mark.Parameters.AddWithValue("$after", afterSequence);
                mark.Parameters.AddWithValue("$last", entries[^1].Sequence);
                mark.ExecuteNonQuery();
            }
            return entries;
        }, cancellationToken);

    /// <summary>Deletes a report the broker acknowledged. Acknowledgements of a whole drain round share one commit.</summary>
    public Task AcknowledgeAsync(long sequence, CancellationToken cancellationToken = default) =>
        _outbox.WriteAsync(scope =>
        {
            using var delete = scope.Command("DELETE FROM outbox WHERE device = $device AND sequence = $sequence");
            delete.Parameters.AddWithValue("$device", DeviceId);
            delete.Parameters.AddWithValue("$sequence", sequence);
            return delete.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>Moves a report the cluster refused for good out of the queue, keeping it with the reason for a
    /// technician (the newest <see cref="OutboxRows.RefusedKept"/> are kept). False when the report was not queued.</summary>
    public Task<bool> SetAsideAsync(long sequence, string reason, CancellationToken cancellationToken = default)
    {
        var now = _outbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return _outbox.WriteAsync(scope =>
        {
            using var copy = scope.Command("""
                INSERT INTO refused (device, sequence, refused_at, reason, payload)
                SELECT device, sequence, $now, $reason, payload FROM outbox WHERE device = $device AND sequence = $sequence
                """);
            copy.Parameters.AddWithValue("$device", DeviceId);
            copy.Parameters.AddWithValue("$sequence", sequence);
            copy.Parameters.AddWithValue("$now", now);
            copy.Parameters.AddWithValue("$reason", reason);
            if (copy.ExecuteNonQuery() == 0) return false;
            using var remove = scope.Command($"""
                DELETE FROM outbox WHERE device = $device AND sequence = $sequence;
                DELETE FROM refused WHERE id <= (SELECT max(id) FROM refused) - {OutboxRows.RefusedKept};
                """);
            remove.Parameters.AddWithValue("$device", DeviceId);
            remove.Parameters.AddWithValue("$sequence", sequence);
            remove.ExecuteNonQuery();
            OutboxRows.Count(scope, DeviceId, OutboxCounter.Refused, 1);
            return true;
        }, cancellationToken);
    }

    /// <summary>The reason a report set aside as "not authorised" starts with: the cluster refused the topic (the
    /// identity in the configuration), not the report, so the report goes again once the configuration is fixed.</summary>
    public const string NotAuthorized = "NotAuthorized";

    /// <summary>Puts the set-aside reports whose reason starts with <paramref name="reasonPrefix"/> back in the queue,
    /// under their own sequence numbers (the cluster never accepted them, so it holds none of them). Returns how many.</summary>
    public Task<int> RequeueRefusedAsync(string reasonPrefix, CancellationToken cancellationToken = default)
    {
        var now = _outbox.Time.GetUtcNow();
        return _outbox.WriteAsync(scope =>
        {
            var reports = new List<(long Id, Telemetry Report)>();
            using (var select = scope.Command("SELECT id, payload FROM refused WHERE device = $device AND substr(reason, 1, length($prefix)) = $prefix ORDER BY sequence"))
            {
                select.Parameters.AddWithValue("$device", DeviceId);
                select.Parameters.AddWithValue("$prefix", reasonPrefix);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    // Written by this gateway, so it parses; the cluster's future-skew rule is no concern of the queue's.
                    var parsed = WireFormat.ParseTelemetry((byte[])reader[1], now.AddYears(1));
                    if (parsed.Value is { } report) reports.Add((reader.GetInt64(0), report));
                }
            }
            foreach (var (id, report) in reports)
            {
                using var exists = scope.Command("SELECT count(*) FROM outbox WHERE device = $device AND sequence = $sequence");
                exists.Parameters.AddWithValue("$device", DeviceId);
                exists.Parameters.AddWithValue("$sequence", report.Sequence);
                if ((long)exists.ExecuteScalar()! == 0) OutboxRows.Insert(scope, DeviceId, report, now.ToUnixTimeMilliseconds());
                using var remove = scope.Command("DELETE FROM refused WHERE id = $id");
                remove.Parameters.AddWithValue("$id", id);
                remove.ExecuteNonQuery();
            }
            return reports.Count;
        }, cancellationToken);
    }

    /// <summary>Read on its own connection: it never waits for the writer.</summary>
    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _outbox.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM outbox WHERE device = $device),
                   (SELECT created_at FROM outbox WHERE device = $device ORDER BY sequence LIMIT 1),
                   next_sequence, thinned, dropped, refused
            FROM (SELECT 1) LEFT JOIN devices ON device = $device
            """;
        command.Parameters.AddWithValue("$device", DeviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long Counter(int i) => reader.IsDBNull(i) ? 0 : reader.GetInt64(i);
        return new OutboxBacklog(reader.GetInt64(0), reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            Counter(2), Counter(3), Counter(4), Counter(5));
    }
}
