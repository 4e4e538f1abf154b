using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityBrain.Storage.Tests.Contracts;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public string? Note { get; set; }
}

/// <summary>What every grain storage of the cluster does, whichever database holds the state: Orleans' ETag contract
/// as <see cref="GrainState.GrainStateVersions"/> states it.</summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    protected static readonly GrainId Grain = GrainId.Create("counter", "a");
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    protected Serializer Serializer => _services.GetRequiredService<Serializer>();

    /// <summary>A storage over this test's database, initialised as the silo would; each call opens the same database anew.</summary>
    protected abstract Task<IGrainStorage> OpenAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => _services.DisposeAsync().AsTask();

    [Fact]
    public async Task A_missing_record_reads_as_new_state_without_etag()
    {
        var state = new GrainState<CounterState>();
        await (await OpenAsync()).ReadStateAsync("counter", Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Count);
    }

    [Fact]
    public async Task Written_state_reads_back_after_reopening_the_store()
    {
        var state = new GrainState<CounterState>(new CounterState { Count = 7, Note = "seven" });
        await (await OpenAsync()).WriteStateAsync("counter", Grain, state);

        var read = new GrainState<CounterState>();
        await (await OpenAsync()).ReadStateAsync("counter", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(7, read.State!.Count);
        Assert.Equal("seven", read.State!.Note);
    }

    [Fact]
    public async Task Each_write_moves_the_etag_on()
    {
        var storage = await OpenAsync();
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
        var storage = await OpenAsync();
        var mine = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, mine);
        var theirs = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, theirs);
        theirs.State!.Count = 100;
        await storage.WriteStateAsync("counter", Grain, theirs);

        mine.State!.Count = 2;
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, mine));
        Assert.Equal(theirs.ETag, ex.StoredEtag);
        Assert.Equal(mine.ETag, ex.CurrentEtag);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.Equal(100, read.State!.Count);
    }

    [Fact]
    public async Task Inserting_over_an_existing_record_is_refused()
    {
        var storage = await OpenAsync();
        await storage.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 2 })));
    }

    [Fact]
    public async Task Clear_removes_the_record_and_resets_the_state()
    {
        var storage = await OpenAsync();
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
    public async Task Clearing_with_a_stale_etag_is_refused_and_keeps_the_record()
    {
        var storage = await OpenAsync();
        var mine = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, mine);
        var theirs = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, theirs);
        await storage.WriteStateAsync("counter", Grain, theirs);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("counter", Grain, mine));

        Assert.Equal(theirs.ETag, ex.StoredEtag);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task States_of_different_grains_and_names_are_separate()
    {
        var storage = await OpenAsync();
        await storage.WriteStateAsync("counter", Grain, new GrainState<CounterState>(new CounterState { Count = 1 }));
        await storage.WriteStateAsync("other", Grain, new GrainState<CounterState>(new CounterState { Count = 2 }));
        await storage.WriteStateAsync("counter", GrainId.Create("counter", "b"), new GrainState<CounterState>(new CounterState { Count = 3 }));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain, read);
        Assert.Equal(1, read.State!.Count);
    }
}
