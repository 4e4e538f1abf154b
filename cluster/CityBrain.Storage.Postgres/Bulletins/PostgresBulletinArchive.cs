using CityBrain.Storage.Bulletins;
using Npgsql;

namespace CityBrain.Storage.Postgres.Bulletins;

/// <summary>Archived bulletins of the cluster in the shared PostgreSQL: every node's generator may try the same key,
/// and the primary key keeps the first.</summary>
public sealed class PostgresBulletinArchive(PostgresDatabase database) : IBulletinArchive
{
    private const string KeyFilter = "region_id = $1 AND kind = $2 AND period_start = $3 AND language = $4";

    public async Task<bool> ContainsAsync(BulletinKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Keyed(connection, "SELECT 1 FROM bulletins WHERE " + KeyFilter, key);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<bool> AddAsync(ArchivedBulletin bulletin, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Keyed(connection, """
            INSERT INTO bulletins (region_id, kind, period_start, language, generated_at, model_json, pdf)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
            """, bulletin.Key);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = bulletin.GeneratedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bulletin.ModelJson });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = bulletin.Pdf });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ArchivedBulletin?> GetAsync(BulletinKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Keyed(connection, "SELECT generated_at, model_json, pdf FROM bulletins WHERE " + KeyFilter, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ArchivedBulletin(key, reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
    }

    public async Task<BulletinPage> ListAsync(string regionId, string kind, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var entries = new List<BulletinEntry>();
        await using (var command = new NpgsqlCommand("""
            SELECT period_start, language, generated_at, octet_length(pdf) FROM bulletins
            WHERE region_id = $1 AND kind = $2 ORDER BY period_start DESC, language LIMIT $3 OFFSET $4
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = regionId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = skip });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new BulletinEntry(new BulletinKey(regionId, kind, reader.GetFieldValue<DateOnly>(0), reader.GetString(1)),
                    reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3)));
            }
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM bulletins WHERE region_id = $1 AND kind = $2", connection);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = regionId });
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        return new BulletinPage(entries, (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    private static NpgsqlCommand Keyed(NpgsqlConnection connection, string sql, BulletinKey key)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.RegionId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Kind });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = key.PeriodStart });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Language });
        return command;
    }
}
