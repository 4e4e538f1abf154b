using System.Globalization;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;

namespace CityBrain.Storage.Bulletins;

/// <summary>Archived bulletins in a SQLite file; periods are stored as ISO dates, which sort as dates.</summary>
public sealed class SqliteBulletinArchive : IBulletinArchive
{
    private readonly SqliteDatabase _database;

    public SqliteBulletinArchive(string path)
    {
        _database = new SqliteDatabase(path, SqliteDurability.Normal);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS bulletins (
                region_id    TEXT NOT NULL,
                kind         TEXT NOT NULL,
                period_start TEXT NOT NULL,
                language     TEXT NOT NULL,
                generated_at INTEGER NOT NULL,
                model_json   TEXT NOT NULL,
                pdf          BLOB NOT NULL,
                PRIMARY KEY (region_id, kind, period_start, language)
            );
            """);
    }

    public async Task<bool> ContainsAsync(BulletinKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = Keyed(connection, "SELECT 1 FROM bulletins WHERE " + KeyFilter, key);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<bool> AddAsync(ArchivedBulletin bulletin, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = Keyed(connection, """
            INSERT INTO bulletins (region_id, kind, period_start, language, generated_at, model_json, pdf)
            VALUES ($region, $kind, $start, $language, $at, $json, $pdf)
            ON CONFLICT DO NOTHING
            """, bulletin.Key);
        command.Parameters.AddWithValue("$at", bulletin.GeneratedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$json", bulletin.ModelJson);
        command.Parameters.AddWithValue("$pdf", bulletin.Pdf);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ArchivedBulletin?> GetAsync(BulletinKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = Keyed(connection, "SELECT generated_at, model_json, pdf FROM bulletins WHERE " + KeyFilter, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ArchivedBulletin(key, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), (byte[])reader["pdf"]);
    }

    public async Task<BulletinPage> ListAsync(string regionId, string kind, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT period_start, language, generated_at, length(pdf) FROM bulletins
            WHERE region_id = $region AND kind = $kind
            ORDER BY period_start DESC, language LIMIT $take OFFSET $skip
            """;
        command.Parameters.AddWithValue("$region", regionId);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        var entries = new List<BulletinEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new BulletinKey(regionId, kind, DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(1));
                entries.Add(new BulletinEntry(key, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt32(3)));
            }
        }
        return new BulletinPage(entries, await CountAsync(connection, regionId, kind, cancellationToken));
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string regionId, string kind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM bulletins WHERE region_id = $region AND kind = $kind";
        command.Parameters.AddWithValue("$region", regionId);
        command.Parameters.AddWithValue("$kind", kind);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private const string KeyFilter = "region_id = $region AND kind = $kind AND period_start = $start AND language = $language";

    private static SqliteCommand Keyed(SqliteConnection connection, string sql, BulletinKey key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$region", key.RegionId);
        command.Parameters.AddWithValue("$kind", key.Kind);
        command.Parameters.AddWithValue("$start", key.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$language", key.Language);
        return command;
    }
}
