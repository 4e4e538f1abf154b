using CityBrain.Storage.DeadLetters;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every dead-letter store does, whichever database holds the letters.</summary>
public abstract class DeadLetterStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's database; each call opens the same database anew.</summary>
    protected abstract IDeadLetterStore Open();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static DeadLetter Letter(int n, int payloadBytes = 3) =>
        new(Now.AddSeconds(n), $"gw-{n}", $"citybrain/v1/haidian/gw-{n}/telemetry", "telemetry", $"reason {n}", new byte[payloadBytes]);

    [Fact]
    public async Task The_latest_letters_come_newest_first_with_everything_they_carried()
    {
        var store = Open();
        foreach (var n in new[] { 1, 2, 3 }) await store.AddAsync(Letter(n));

        var latest = await Open().LatestAsync(2);

        Assert.Equal(["gw-3", "gw-2"], latest.Select(l => l.ClientId));
        var newest = latest[0];
        Assert.Equal((Now.AddSeconds(3), "citybrain/v1/haidian/gw-3/telemetry", "telemetry", "reason 3", 3),
            (newest.ReceivedAt, newest.Topic, newest.Kind, newest.Reason, newest.Payload.Length));
    }

    [Fact]
    public async Task A_long_payload_is_kept_only_up_to_the_bound()
    {
        var store = Open();
        await store.AddAsync(Letter(1, IDeadLetterStore.MaxStoredPayload * 3));

        Assert.Equal(IDeadLetterStore.MaxStoredPayload, Assert.Single(await store.LatestAsync(10)).Payload.Length);
    }

    [Fact]
    public async Task Only_the_newest_letters_up_to_the_capacity_are_kept()
    {
        var store = Open();
        await Parallel.ForAsync(0, IDeadLetterStore.Capacity + 50, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (n, cancellationToken) => await store.AddAsync(Letter(n), cancellationToken));
        // Concurrent adds may each miss the others' rows when trimming; the next add, alone, trims to the bound.
        await store.AddAsync(Letter(-1));

        var kept = await store.LatestAsync(IDeadLetterStore.Capacity + 100);

        Assert.Equal(IDeadLetterStore.Capacity, kept.Count);
        Assert.Equal("gw--1", kept[0].ClientId);
    }
}
