using CityBrain.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityBrain.Storage.Tests.GrainState;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public string? Note { get; set; }
}

public sealed class SqliteGrainStorageTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("counter", "a");
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-grainstate-").FullName, "grains.db");
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private SqliteGrainStorage Open()
    {
        var storage = new SqliteGrainStorage("test", new SqliteGrainStorageOptions { DatabasePath = _path },
            _services.GetRequiredService<Serializer>(), NullLogger<SqliteGrainStorage>.Instance);
        storage.Initialize(CancellationToken.None).GetAwaiter().GetResult();
        return storage;
    }

    [Fact]
    public async Task A_missing_record_reads_as_new_state_without_etag()
    {
        var state = new GrainState<CounterState>();
        await Open().ReadStateAsync("counter", Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Count);
    }

    [Fact]
    public async Task Written_state_reads_back_after_reopening_the_file()
    {
        var state = new GrainState<CounterState>(new CounterState { Count = 7, Note = "seven" });
        await Open().WriteStateAsync("counter", Grain, state);

        var read = new GrainState<CounterState>();
        await Open().ReadStateAsync("counter", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(7, read.State!.Count);
        Assert.Equal("seven", read.State!.Note);
    }

    [Fact]
    public async Task Each_write_moves_the_etag_on()
    {
        var storage = Open();
        var state = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, state);
        var first = state.ETag;
        state.State!.Count = 2;
        await storage.WriteStateAsync("counter", Grain, state);

        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        var storage = Open();
        var mine = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, mine);
        var theirs = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, theirs);
        theirs.State!.Count = 100;
        await storage.WriteStateAsync("counter", Grain, theirs);

        mine.State!.Count = 2;
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, mine));
        Assert.Equal(theirs.ETag, ex.StoredEtag);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.Equal(100, read.State!.Count);
    }

    [Fact]
    public async Task Inserting_over_an_existing_record_is_refused()
    {
        var storage = Open();
        await storage.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 2 })));
    }

    [Fact]
    public async Task Clear_removes_the_record_and_resets_the_state()
    {
        var storage = Open();
        var state = new GrainState<CounterState>(new CounterState { Count = 3 });
        await storage.WriteStateAsync("counter", Grain, state);

        await storage.ClearStateAsync("counter", Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task States_of_different_grains_and_names_are_separate()
    {
        var storage = Open();
        await storage.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 1 }));
        await storage.WriteStateAsync("other", Grain, new GrainState<CounterState>(new CounterState { Count = 2 }));
        await storage.WriteStateAsync("counter", GrainId.Create("counter", "b"), new GrainState<CounterState>(new CounterState { Count = 3 }));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.Equal(1, read.State!.Count);
    }

    public void Dispose() => _services.Dispose();
}
