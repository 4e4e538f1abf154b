using System.Globalization;

namespace CityBrain.Simulators.Fleet.GroundTruth;

/// <summary>The ground-truth file's tables. Times are ISO 8601 UTC text, readable with any SQLite shell and sortable.</summary>
internal static class GroundTruthSchema
{
    public const string Create = """
        CREATE TABLE run (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE gateways (device TEXT PRIMARY KEY, district TEXT NOT NULL);
        -- One row per gateway, UTC hour (of the report timestamp) and quantity; values of quality ok only.
        -- mean = sum / count, except noise: 10 * log10(energy / count).
        CREATE TABLE hourly (
            device   TEXT NOT NULL,
            district TEXT NOT NULL,
            hour     TEXT NOT NULL,
            quantity TEXT NOT NULL,
            count    INTEGER NOT NULL,
            sum      REAL NOT NULL,
            energy   REAL,
            min      REAL NOT NULL,
            max      REAL NOT NULL,
            PRIMARY KEY (device, hour, quantity));
        CREATE INDEX hourly_district ON hourly (district, quantity, hour);
        -- Each gateway's most recent reading of each quantity (by window end), whatever its quality.
        CREATE TABLE latest (
            device     TEXT NOT NULL,
            district   TEXT NOT NULL,
            quantity   TEXT NOT NULL,
            window_end TEXT NOT NULL,
            value      REAL,
            quality    TEXT NOT NULL,
            PRIMARY KEY (device, quantity));
        """;

    public const string UpsertHourly = """
        INSERT INTO hourly (device, district, hour, quantity, count, sum, energy, min, max)
        VALUES ($device, $district, $hour, $quantity, $count, $sum, $energy, $min, $max)
        ON CONFLICT (device, hour, quantity) DO UPDATE SET
            count = count + excluded.count, sum = sum + excluded.sum, energy = energy + excluded.energy,
            min = min(min, excluded.min), max = max(max, excluded.max)
        """;

    public const string UpsertLatest = """
        INSERT INTO latest (device, district, quantity, window_end, value, quality)
        VALUES ($device, $district, $quantity, $windowEnd, $value, $quality)
        ON CONFLICT (device, quantity) DO UPDATE SET
            window_end = excluded.window_end, value = excluded.value, quality = excluded.quality
        WHERE excluded.window_end >= latest.window_end
        """;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
