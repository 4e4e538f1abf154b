using CityBrain.Regions;
using CityBrain.Contracts.Journal;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.Storage.GrainState;
using CityBrain.Storage.History;
using CityBrain.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CityBrain.Grains.Tests;

/// <summary>A real silo in-process, with the SQLite grain storage. It keeps the real clock: Orleans drives grain
/// timers from the registered TimeProvider, so a frozen fake clock would stop every upward report.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly RegionTree City = new(new RegionNode("test-city", "Test City", "测试市", "city", null, null, [116.0, 39.5],
    [
        District("north", "North", "北区", "1", [116.0, 40.0]),
        District("south", "South", "南区", "2", [116.0, 39.0]),
        District("quiet", "Quiet", "静区", "0", [116.5, 39.5]),
        // Districts of their own for the indicator tests, whose hourly means must not mix with other tests' devices.
        District("east", "East", "东区", "4a", [117.0, 39.5]),
        District("west", "West", "西区", "2", [115.5, 39.5]),
        // The district whose first hourly share fails on the way in (FlakyDistrictFilter).
        District("flaky", "Flaky", "故障区", "2", [116.0, 39.5]),
    ]), "Asia/Shanghai");

    private static RegionNode District(string id, string name, string nameZh, string zone, double[] position) =>
        new(id, name, nameZh, "district", null, zone, position, []);

    private static readonly string DataDirectory = Directory.CreateTempSubdirectory("citybrain-grains-").FullName;
    private static readonly string DatabasePath = Path.Combine(DataDirectory, "grains.db");

    public static readonly string HistoryPath = Path.Combine(DataDirectory, "history.db");

    public static readonly string JournalPath = Path.Combine(DataDirectory, "journal.db");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IHistoryStore History => Cluster.Silos[0].ServiceProvider.GetRequiredService<IHistoryStore>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddCityBrainGrains(City);
            silo.AddIncomingGrainCallFilter<FlakyDistrictFilter>();
            silo.Services.Configure<GrainOptions>(o =>
            {
                o.ReportPeriod = TimeSpan.FromMilliseconds(100);
                // Hours close a moment after they end, so that tests can feed a past hour and read its indicators at once.
                o.HourCloseDelay = TimeSpan.FromMilliseconds(200);
                o.AreaCloseDelay = TimeSpan.FromMilliseconds(200);
            });
            silo.Services.AddSqliteGrainStorage(GrainStorageNames.State, new SqliteGrainStorageOptions { DatabasePath = DatabasePath });
            silo.Services.AddSqliteHistoryStore(o => o.DatabasePath = HistoryPath);
            // Before the journal's own registration, which only adds IRawJournal when none is there.
            silo.Services.AddSingleton<IRawJournal>(sp => new LostAnswerJournal(sp.GetRequiredService<SqliteRawJournal>()));
            silo.Services.AddSqliteRawJournal(o => o.DatabasePath = JournalPath);
        });
        builder.ConfigureClient(client => client.Services.AddIndicatorSerialization());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
