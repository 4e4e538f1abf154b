using Xunit;

namespace CityBrain.Testing.Servers;

/// <summary>One PostgreSQL for every test of a collection. A test project declares the collection, since xunit looks
/// for it in the test assembly:
/// <code>[CollectionDefinition(PostgresFixture.Collection)] public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;</code>
/// and each test takes a database of its own with <see cref="CreateDatabaseAsync"/>, so tests stay independent.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string Collection = "postgres";

    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL fixture has not started");

    /// <summary>The connection string of a new, empty database.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    public async Task InitializeAsync() => _server = await PostgresServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>One Redis for every test of a collection, declared like <see cref="PostgresFixture"/>'s with
/// <see cref="Collection"/>. Tests that share it keep apart by key prefix or service id.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string Collection = "redis";

    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("the Redis fixture has not started");

    public async Task InitializeAsync() => _server = await RedisServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
