using CityBrain.Testing.Servers;
using Npgsql;

namespace CityBrain.Storage.Postgres.Tests.Servers;

/// <summary>The private servers other tests stand on: they answer, come back after a crash with their data, and leave
/// nothing behind.</summary>
public sealed class TestServerTests
{
    [Fact]
    public async Task PostgreSQL_keeps_committed_rows_across_a_crash_and_leaves_no_folder()
    {
        var server = await PostgresServer.StartNewAsync();
        await using (server)
        {
            await ExecuteAsync(server.ConnectionString, "CREATE TABLE kept (n integer); INSERT INTO kept VALUES (42)");

            await server.StopAsync(immediate: true);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(server.ConnectionString, "SELECT 1"));
            await server.StartAsync();

            Assert.Equal(42, await ScalarAsync(server.ConnectionString, "SELECT n FROM kept"));
        }
        Assert.False(Directory.Exists(server.Directory));
    }

    [Fact]
    public async Task Redis_answers_and_comes_back_on_the_same_port()
    {
        var server = await RedisServer.StartNewAsync();
        await using (server)
        {
            await server.StopAsync(immediate: true);
            await server.StartAsync();
            await server.StopAsync();
            await server.StartAsync();
        }
        Assert.False(Directory.Exists(server.Directory));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
