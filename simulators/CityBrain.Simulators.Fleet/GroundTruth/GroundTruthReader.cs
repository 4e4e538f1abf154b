using CityBrain.Contracts.Vocabulary;
using Microsoft.Data.Sqlite;

namespace CityBrain.Simulators.Fleet.GroundTruth;

/// <summary>A district's expected value of one quantity: the mean over its gateways, with how many contributed.</summary>
public sealed record DistrictValue(string District, string Quantity, double Mean, int Devices, DateTimeOffset UpdatedAt);

/// <summary>One gateway's latest reading of one quantity, as the ground truth holds it.</summary>
public sealed record DeviceValue(string Device, string District, string Quantity, double? Value, string Quality, DateTimeOffset WindowEnd);

/// <summary>A district's mean of one quantity over one UTC hour, pooled over its gateways' acknowledged ok readings.</summary>
public sealed record HourlyValue(string District, string Quantity, DateTimeOffset Hour, double Mean, long Count);

/// <summary>Reads a ground-truth file written by <see cref="GroundTruthRecorder"/>.</summary>
public sealed class GroundTruthReader
{
    private readonly string _connectionString;

    private GroundTruthReader(string connectionString, IReadOnlyDictionary<string, string> run)
    {
        _connectionString = connectionString;
        Run = run;
    }

    /// <summary>What the run recorded about itself (scenario, seed, start, end, …).</summary>
    public IReadOnlyDictionary<string, string> Run { get; }

    /// <summary>When the run's simulated clock stopped; null while it is still running.</summary>
    public DateTimeOffset? End => Run.TryGetValue("end", out var end) ? DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static GroundTruthReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ground-truth file '{path}' does not exist", path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            var run = Query(connection, "SELECT key, value FROM run", r => (Key: r.GetString(0), Value: r.GetString(1)))
                .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
            return new GroundTruthReader(connectionString, run);
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"'{path}' is not a ground-truth file of citybrain-fleet: {ex.Message}", ex);
        }
    }

    /// <summary>Each district's mean of each quantity over its gateways' latest ok readings from windows ending at or after
    /// <paramref name="freshAfter"/>: what the cluster's district shows as latest once every report has been processed.</summary>
    public IReadOnlyList<DistrictValue> DistrictLatest(DateTimeOffset freshAfter)
    {
        using var connection = Open();
        var rows = Query(connection,
            "SELECT district, quantity, value, window_end FROM latest WHERE quality = 'ok' AND value IS NOT NULL AND window_end >= $after",
            r => (District: r.GetString(0), Quantity: r.GetString(1), Value: r.GetDouble(2), End: GroundTruthSchema.ParseTime(r.GetString(3))),
            ("$after", GroundTruthSchema.Time(freshAfter)));
        return rows
            .GroupBy(x => (x.District, x.Quantity))
            .Select(g => new DistrictValue(g.Key.District, g.Key.Quantity, Levels.Mean(g.Key.Quantity, g.Select(x => x.Value)), g.Count(), g.Max(x => x.End)))
            .OrderBy(v => v.District, StringComparer.Ordinal).ThenBy(v => v.Quantity, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<DeviceValue> DeviceLatest(string device)
    {
        using var connection = Open();
        return Query(connection, "SELECT device, district, quantity, value, quality, window_end FROM latest WHERE device = $device ORDER BY quantity",
            r => new DeviceValue(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.GetString(4),
                GroundTruthSchema.ParseTime(r.GetString(5))),
            ("$device", device));
    }

    /// <summary>How many gateways of the run delivered something in each district.</summary>
    public IReadOnlyDictionary<string, int> DevicesPerDistrict()
    {
        using var connection = Open();
        return Query(connection, "SELECT district, COUNT(DISTINCT device) FROM latest GROUP BY district", r => (District: r.GetString(0), Devices: r.GetInt32(1)))
            .ToDictionary(x => x.District, x => x.Devices, StringComparer.Ordinal);
    }

    /// <summary>Up to <paramref name="count"/> gateways that delivered something, spread evenly over the fleet.</summary>
    public IReadOnlyList<string> SampleDevices(int count)
    {
        using var connection = Open();
        var devices = Query(connection, "SELECT DISTINCT device FROM latest ORDER BY device", r => r.GetString(0));
        if (devices.Count <= count) return devices;
        return Enumerable.Range(0, count).Select(i => devices[(int)((long)i * devices.Count / count)]).ToList();
    }

    /// <summary>Hourly district means, optionally for one district and/or quantity.</summary>
    public IReadOnlyList<HourlyValue> DistrictHourly(string? district = null, string? quantity = null)
    {
        using var connection = Open();
        return Query(connection, """
                SELECT district, quantity, hour, SUM(count), SUM(sum), SUM(energy) FROM hourly
                WHERE ($district IS NULL OR district = $district) AND ($quantity IS NULL OR quantity = $quantity)
                GROUP BY district, quantity, hour ORDER BY district, quantity, hour
                """,
            r => new HourlyValue(r.GetString(0), r.GetString(1), GroundTruthSchema.ParseTime(r.GetString(2)), HourMean(r), r.GetInt64(3)),
            ("$district", (object?)district ?? DBNull.Value), ("$quantity", (object?)quantity ?? DBNull.Value));
    }

    /// <summary>Hourly district means as the cluster makes them: each gateway's hour counts only when its reports cover
    /// at least <paramref name="minimumCoverage"/> of it (HJ 663's validity rule), and the district's mean is the mean of
    /// those gateways' hourly means. Only hours that ended by <paramref name="endedBy"/>; <see cref="HourlyValue.Count"/>
    /// is the number of gateways.</summary>
    public IReadOnlyList<HourlyValue> DistrictHoursOfValidDevices(TimeSpan minimumCoverage, DateTimeOffset endedBy)
    {
        if (!Run.TryGetValue("reportInterval", out var text) || !Time.Durations.TryParse(text, out var interval) || interval <= TimeSpan.Zero)
        {
            throw new InvalidDataException("the ground truth does not say its report interval, which decides which gateway hours are valid");
        }
        using var connection = Open();
        var deviceHours = Query(connection, "SELECT district, quantity, hour, count, sum, energy FROM hourly", r =>
            (District: r.GetString(0), Quantity: r.GetString(1), Hour: GroundTruthSchema.ParseTime(r.GetString(2)), Mean: HourMean(r), Covered: interval * r.GetInt64(3)));
        return [.. deviceHours
            .Where(d => d.Covered >= minimumCoverage && d.Hour.AddHours(1) <= endedBy)
            .GroupBy(d => (d.District, d.Quantity, d.Hour))
            .OrderBy(g => g.Key.District, StringComparer.Ordinal).ThenBy(g => g.Key.Quantity, StringComparer.Ordinal).ThenBy(g => g.Key.Hour)
            .Select(g => new HourlyValue(g.Key.District, g.Key.Quantity, g.Key.Hour, Levels.Mean(g.Key.Quantity, g.Select(d => d.Mean)), g.Count()))];
    }

    /// <summary>The mean of a row <c>district, quantity, hour, count, sum, energy</c>: energy mean for sound levels.</summary>
    private static double HourMean(SqliteDataReader r)
    {
        var count = r.GetInt64(3);
        return Levels.IsEnergetic(r.GetString(1)) ? Levels.FromEnergy(r.GetDouble(5) / count) : r.GetDouble(4) / count;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }
}

/// <summary>Means the way the cluster takes them: sound levels as energy averages (never arithmetic), the rest arithmetic.</summary>
public static class Levels
{
    public static bool IsEnergetic(string quantity) => quantity == Quantity.Noise.WireName();

    public static double Mean(string quantity, IEnumerable<double> values) =>
        IsEnergetic(quantity) ? FromEnergy(values.Average(l => Math.Pow(10, l / 10))) : values.Average();

    public static double FromEnergy(double meanEnergy) => 10 * Math.Log10(meanEnergy);
}
