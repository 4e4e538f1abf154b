using CityBrain.Testing.Servers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.Postgres.Tests;

/// <summary>A database of one test's own on the collection's server, and every <see cref="PostgresDatabase"/> (a node's
/// view of it) the test opens, disposed with it.</summary>
public sealed class TestDatabase(PostgresFixture postgres) : IAsyncDisposable
{
    private readonly List<PostgresDatabase> _opened = [];

    public string ConnectionString { get; private set; } = "";

    public async Task CreateAsync() => ConnectionString = await postgres.CreateDatabaseAsync();

    /// <summary>A node's data source on the test's database, as a silo of its own would have.</summary>
    public PostgresDatabase Open(ILoggerFactory? loggers = null) => Track(Open(ConnectionString, loggers));

    public static PostgresDatabase Open(string connectionString, ILoggerFactory? loggers = null) =>
        new(Options.Create(new PostgresStoreOptions { ConnectionString = connectionString }), loggers ?? NullLoggerFactory.Instance);

    public PostgresDatabase Track(PostgresDatabase database)
    {
        _opened.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened) await database.DisposeAsync();
    }
}
