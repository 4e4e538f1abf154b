using CityBrain.Storage.Postgres.GrainState;
using CityBrain.Storage.Tests.Contracts;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityBrain.Storage.Postgres.Tests.GrainState;

/// <summary>Grain state shared by silos: an activation left on one silo cannot overwrite what a newer one on another
/// silo wrote, and storages of different names keep apart as their SQLite files did.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresGrainStorageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly GrainId Grain = GrainId.Create("counter", "a");
    private readonly TestDatabase _database = new(postgres);
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public Task InitializeAsync() => _database.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _services.DisposeAsync();
    }

    private async Task<PostgresGrainStorage> SiloAsync(string name = "state")
    {
        var storage = new PostgresGrainStorage(name, _database.Open(), _services.GetRequiredService<Serializer>(), NullLogger<PostgresGrainStorage>.Instance);
        await storage.Initialize(CancellationToken.None);
        return storage;
    }

    [Fact]
    public async Task A_stale_activation_on_another_silo_cannot_overwrite_the_newer_state()
    {
        var old = await SiloAsync();
        var current = await SiloAsync();
        var stale = new GrainState<CounterState>(new CounterState { Count = 1 });
        await old.WriteStateAsync("counter", Grain, stale);
        var moved = new GrainState<CounterState>();
        await current.ReadStateAsync("counter", Grain, moved);
        moved.State!.Count = 2;
        await current.WriteStateAsync("counter", Grain, moved);

        stale.State!.Count = 99;
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => old.WriteStateAsync("counter", Grain, stale));

        Assert.Equal(moved.ETag, refused.StoredEtag);
        var read = new GrainState<CounterState>();
        await old.ReadStateAsync("counter", Grain, read);
        Assert.Equal((2, moved.ETag), (read.State!.Count, read.ETag));
    }

    [Fact]
    public async Task Storages_of_different_names_keep_their_states_apart()
    {
        var state = await SiloAsync("state");
        var other = await SiloAsync("other");
        await state.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 1 }));

        var read = new GrainState<CounterState>();
        await other.ReadStateAsync("counter", Grain, read);

        Assert.False(read.RecordExists);
    }
}
