using CityBrain.Storage.Postgres.Schema;
using CityBrain.Testing;
using CityBrain.Testing.Servers;
using Npgsql;

namespace CityBrain.Storage.Postgres.Tests.Schema;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresMigrationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly TestDatabase _database = new(postgres);

    public Task InitializeAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Nodes_migrating_at_once_and_again_leave_each_step_applied_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _database.Open().EnsureMigratedAsync(CancellationToken.None)));
        await _database.Open().EnsureMigratedAsync(CancellationToken.None);

        var applied = await QueryAsync("SELECT version, description FROM schema_migrations ORDER BY version");
        Assert.Equal(PostgresMigrations.All.Select(m => $"{m.Version} {m.Description}"), applied);
        Assert.Equal(PostgresMigrations.Latest, PostgresMigrations.All.Count);
        Assert.Contains("raw_journal", await QueryAsync("SELECT tablename, '' FROM pg_tables WHERE schemaname = 'public'"), StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_database_migrated_by_newer_code_is_refused_with_a_clear_message()
    {
        await _database.Open().EnsureMigratedAsync(CancellationToken.None);
        await QueryAsync($"INSERT INTO schema_migrations (version, description) VALUES ({PostgresMigrations.Latest + 1}, 'from the future') RETURNING version, ''");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.Open().EnsureMigratedAsync(CancellationToken.None));

        Assert.Contains($"schema version {PostgresMigrations.Latest + 1}, newer than this node's {PostgresMigrations.Latest}", refused.Message);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_named_as_such()
    {
        await using var database = TestDatabase.Open($"Host=127.0.0.1;Port={FreePort.Next()};Username=citybrain;Database=nowhere;Timeout=5");

        var refused = await Assert.ThrowsAsync<PostgresUnavailableException>(() => database.OpenAsync(CancellationToken.None));

        Assert.Contains($"PostgreSQL at {database.Name} is unreachable", refused.Message);
    }

    /// <summary>Rows of two columns as "first second", or the first alone when the second is empty.</summary>
    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var second = reader.GetValue(1).ToString();
            rows.Add(string.IsNullOrEmpty(second) ? reader.GetValue(0).ToString()! : $"{reader.GetValue(0)} {second}");
        }
        return rows;
    }
}
