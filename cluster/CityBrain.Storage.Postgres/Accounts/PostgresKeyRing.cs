using Npgsql;

namespace CityBrain.Storage.Postgres.Accounts;

/// <summary>The ASP.NET Core data protection key ring in the shared PostgreSQL, so a session cookie issued by one node
/// is read by every other. The key ring's interface is synchronous, hence the synchronous calls.</summary>
public sealed class PostgresKeyRing(PostgresDatabase database)
{
    public IReadOnlyList<string> All()
    {
        using var connection = Open();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY name", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Keys are named by their id, so storing one twice keeps the first.</summary>
    public void Add(string name, string xml)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = xml });
        command.ExecuteNonQuery();
    }

    private NpgsqlConnection Open() => database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
}
