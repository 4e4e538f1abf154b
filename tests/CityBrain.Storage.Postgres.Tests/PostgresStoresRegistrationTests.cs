using CityBrain.Contracts.Journal;
using CityBrain.Indicators.History;
using CityBrain.Notifications.Outbox;
using CityBrain.Storage.Credentials;
using CityBrain.Storage.DeadLetters;
using CityBrain.Storage.Postgres.GrainState;
using CityBrain.Storage.Postgres.Journal;
using CityBrain.Storage.Postgres.Schema;
using CityBrain.Storage.Retained;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityBrain.Storage.Postgres.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresStoresRegistrationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly TestDatabase _database = new(postgres);

    public Task InitializeAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static IHost Build(string? connectionString)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(connectionString is null ? [] : [new("Postgres:ConnectionString", connectionString)]);
        builder.Services.AddPostgresStores();
        builder.Services.AddPostgresGrainStorage("state");
        return builder.Build();
    }

    [Fact]
    public async Task One_registration_gives_every_store_on_one_migrated_database()
    {
        using var host = Build(_database.ConnectionString);
        await host.StartAsync();

        var journal = host.Services.GetRequiredService<IRawJournal>();
        var appended = await journal.AppendAsync(new JournalEntry("gw-1", 1, "haidian", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new byte[] { 1 }));
        await host.StopAsync();

        Assert.True(appended.Added);
        Assert.Same(host.Services.GetRequiredService<PostgresRawJournal>(), journal);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, journal));
        Assert.NotNull(host.Services.GetRequiredService<IHistoryStore>());
        Assert.NotNull(host.Services.GetRequiredService<ICredentialStore>());
        Assert.NotNull(host.Services.GetRequiredService<IDeadLetterStore>());
        Assert.NotNull(host.Services.GetRequiredService<IRetainedMessageStore>());
        Assert.NotNull(host.Services.GetRequiredService<INotificationStore>());
        Assert.Single(host.Services.GetServices<PostgresDatabase>());
        await using var connection = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT max(version) FROM schema_migrations", connection);
        Assert.Equal(PostgresMigrations.Latest, await version.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData(null, "Postgres:ConnectionString is missing")]
    [InlineData("Host=127.0.0.1;Frobnicate=yes", "Postgres:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Username=citybrain", "Postgres:ConnectionString names no Host")]
    public async Task A_missing_or_unusable_connection_string_stops_the_host_at_start_naming_the_setting(string? connectionString, string message)
    {
        using var host = Build(connectionString);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, refused.Message);
    }
}
