using CityBrain.Indicators.History;
using CityBrain.Storage.History;
using CityBrain.Storage.Tests.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.Tests.History;

public sealed class SqliteHistoryStoreTests : HistoryStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-history-").FullName, "history.db");

    protected override IHistoryStore Open(Action<HistoryStoreOptions>? configure = null)
    {
        var options = new HistoryStoreOptions { DatabasePath = _path };
        configure?.Invoke(options);
        return new SqliteHistoryStore(Options.Create(options), Time, NullLogger<SqliteHistoryStore>.Instance);
    }

    protected override Task<int> PruneAsync(IHistoryStore store) => ((SqliteHistoryStore)store).PruneAsync();

    [Fact]
    public async Task The_service_registration_gives_one_store_for_the_interface()
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddLogging()
            .AddSqliteHistoryStore(o => o.DatabasePath = _path);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IHistoryStore>();
        await store.WriteAsync([Point("aqi", 0, 55)]);

        Assert.Same(provider.GetRequiredService<SqliteHistoryStore>(), store);
        Assert.Single(await store.ReadAsync(Query(0, 1)));
    }
}
