using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Gateways;
using Microsoft.Data.Sqlite;

namespace CityBrain.Simulators.Fleet.GroundTruth;

/// <summary>Writes what the fleet delivered to a SQLite file: per gateway, hour and quantity the count, sum, energy sum
/// (for sound levels), min and max of the values the broker acknowledged, plus each gateway's latest value per quantity.
/// Reports are summed in memory and written in one transaction per <see cref="FlushAsync"/>, so ten thousand gateways
/// cost one small write every few seconds, not one per report.</summary>
/// <remarks>Hours are UTC hours of the report's own timestamp (its window start, shifted where a clock-skew fault is
/// active), because that is the hour the cluster files the report under. Only readings of quality ok enter the hourly
/// sums, as only they enter indicators; the latest values keep every quality, as the cluster's device state does.</remarks>
public sealed class GroundTruthRecorder
{
    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private Dictionary<(string Device, DateTimeOffset Hour, Quantity Quantity), Accumulator> _hourly = [];
    private Dictionary<(string Device, Quantity Quantity), Latest> _latest = [];
    private Dictionary<string, string> _districts = new(StringComparer.Ordinal);

    private GroundTruthRecorder(string path) =>
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    /// <summary>Starts a new ground-truth file for one run, replacing any earlier one at <paramref name="path"/>.</summary>
    /// <remarks>The file is built beside <paramref name="path"/> and renamed into place once its schema and run rows are
    /// committed, so a reader that finds the file never finds it half-made.</remarks>
    public static async Task<GroundTruthRecorder> CreateAsync(
        string path, IReadOnlyDictionary<string, string> run, IEnumerable<GatewaySite> fleet, CancellationToken cancellationToken = default)
    {
        var staging = path + ".creating";
        foreach (var file in new[] { path, staging })
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        await new GroundTruthRecorder(staging).WriteStartAsync(run, fleet, cancellationToken);
        File.Move(staging, path);
        return new GroundTruthRecorder(path);
    }

    private async Task WriteStartAsync(IReadOnlyDictionary<string, string> run, IEnumerable<GatewaySite> fleet, CancellationToken cancellationToken)
    {
        // Closing the only (unpooled) connection checkpoints the WAL into the main file, which can then move alone.
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        Execute(connection, GroundTruthSchema.Create);
        foreach (var (key, value) in run) Execute(connection, "INSERT INTO run (key, value) VALUES ($k, $v)", ("$k", key), ("$v", value));
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO gateways (device, district) VALUES ($device, $district)";
            var device = insert.Parameters.Add("$device", SqliteType.Text);
            var district = insert.Parameters.Add("$district", SqliteType.Text);
            foreach (var site in fleet)
            {
                device.Value = site.DeviceId;
                district.Value = site.District.Id;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Counts one acknowledged report.</summary>
    public void Record(GatewaySite site, Telemetry report)
    {
        var hour = new DateTimeOffset(report.Timestamp.UtcTicks - report.Timestamp.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var windowEnd = report.Timestamp.AddSeconds(report.WindowSeconds);
        lock (_gate)
        {
            _districts[site.DeviceId] = site.District.Id;
            foreach (var reading in report.Readings)
            {
                var latestKey = (site.DeviceId, reading.Quantity);
                if (!_latest.TryGetValue(latestKey, out var latest) || latest.WindowEnd <= windowEnd)
                {
                    _latest[latestKey] = new Latest(windowEnd, reading.Value, reading.Quality);
                }
                if (reading is not { Quality: Quality.Ok, Value: { } value }) continue;
                var key = (site.DeviceId, hour, reading.Quantity);
                if (!_hourly.TryGetValue(key, out var sum)) _hourly[key] = sum = new Accumulator(reading.Quantity == Quantity.Noise);
                sum.Add(value);
            }
        }
    }

    /// <summary>Writes what was counted since the last flush, merging it into the file.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<(string Device, DateTimeOffset Hour, Quantity Quantity), Accumulator> hourly;
        Dictionary<(string Device, Quantity Quantity), Latest> latest;
        Dictionary<string, string> districts;
        lock (_gate)
        {
            if (_hourly.Count == 0 && _latest.Count == 0) return;
            (hourly, _hourly) = (_hourly, []);
            (latest, _latest) = (_latest, []);
            (districts, _districts) = (_districts, new Dictionary<string, string>(StringComparer.Ordinal));
        }
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using (var upsert = connection.CreateCommand())
        {
            upsert.CommandText = GroundTruthSchema.UpsertHourly;
            var p = Parameters(upsert, "$device", "$district", "$hour", "$quantity", "$count", "$sum", "$energy", "$min", "$max");
            foreach (var ((device, hour, quantity), s) in hourly)
            {
                Bind(p, device, districts[device], GroundTruthSchema.Time(hour), quantity.WireName(), s.Count, s.Sum, s.Energy, s.Min, s.Max);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var upsert = connection.CreateCommand())
        {
            upsert.CommandText = GroundTruthSchema.UpsertLatest;
            var p = Parameters(upsert, "$device", "$district", "$quantity", "$windowEnd", "$value", "$quality");
            foreach (var ((device, quantity), l) in latest)
            {
                Bind(p, device, districts[device], quantity.WireName(), GroundTruthSchema.Time(l.WindowEnd), l.Value, l.Quality.ToString().ToLowerInvariant());
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Adds a fact about the run learnt after it started, such as when it ended.</summary>
    public async Task SetRunAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        Execute(connection, "INSERT INTO run (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    /// <summary>Parameters without a declared type: each binding takes the type of its value.</summary>
    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

    private static void Bind(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private sealed record Latest(DateTimeOffset WindowEnd, double? Value, Quality Quality);

    /// <summary>Running sums of one gateway's quantity in one hour. For sound levels the energy sum Σ10^(v/10) is kept
    /// too, which makes their mean an energy average, as LAeq requires.</summary>
    private sealed class Accumulator(bool energetic)
    {
        public long Count { get; private set; }
        public double Sum { get; private set; }
        public double? Energy { get; private set; }
        public double Min { get; private set; } = double.MaxValue;
        public double Max { get; private set; } = double.MinValue;

        public void Add(double value)
        {
            Count++;
            Sum += value;
            if (energetic) Energy = (Energy ?? 0) + Math.Pow(10, value / 10);
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }
    }
}
