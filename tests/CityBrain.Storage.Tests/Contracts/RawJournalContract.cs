using CityBrain.Contracts.Journal;
using CityBrain.Storage.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every raw journal does, whichever database holds it. A test project derives one class per journal.</summary>
public abstract class RawJournalContract<TJournal> : IAsyncLifetime where TJournal : BackgroundService, IRawJournal
{
    protected static readonly DateTimeOffset Window = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Window);

    /// <summary>A journal over this test's store, its committer not started; each call opens the same store anew.</summary>
    protected abstract TJournal Create(Action<RawJournalOptions>? configure = null);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static JournalEntry Entry(string device, long sequence, int minute = 0, string district = "haidian") =>
        new(device, sequence, district, Window.AddMinutes(minute), Window.AddMinutes(minute + 1), new byte[] { 1, 2, (byte)sequence });

    protected async Task<TJournal> StartedAsync(Action<RawJournalOptions>? configure = null)
    {
        var journal = Create(configure);
        await journal.StartAsync(CancellationToken.None);
        return journal;
    }

    protected static async Task<List<JournalEntry>> ListAsync(IAsyncEnumerable<JournalEntry> entries)
    {
        var list = new List<JournalEntry>();
        await foreach (var entry in entries) list.Add(entry);
        return list;
    }

    [Fact]
    public async Task Concurrent_appends_are_all_committed_and_survive_reopening()
    {
        var journal = await StartedAsync();

        var appended = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => journal.AppendAsync(Entry($"gw-{i % 7}", i)).AsTask()));
        await journal.StopAsync(CancellationToken.None);

        var reopened = Create();
        Assert.Equal(500, await reopened.CountAsync());
        Assert.All(appended, a => Assert.True(a.Added));
        Assert.Equal(500, appended.Select(a => a.Position).Distinct().Count());
        Assert.All(appended, a => Assert.True(a.Position > 0));
    }

    [Fact]
    public async Task Appending_the_same_device_and_sequence_again_adds_nothing_and_says_so()
    {
        var journal = await StartedAsync();

        var first = await journal.AppendAsync(Entry("gw-1", 1));
        var again = await journal.AppendAsync(Entry("gw-1", 1));
        var other = await journal.AppendAsync(Entry("gw-2", 1));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal((true, false, true), (first.Added, again.Added, other.Added));
        Assert.Equal(JournalAppend.AlreadyPresent, again);
        Assert.Equal(2, await journal.CountAsync());
        Assert.True(other.Position > first.Position);
    }

    [Fact]
    public async Task The_same_pair_twice_in_one_group_is_added_once_for_the_first_caller()
    {
        var journal = Create();
        // Queued before the committer starts, so all three are committed as one group.
        var first = journal.AppendAsync(Entry("gw-1", 1)).AsTask();
        var twin = journal.AppendAsync(Entry("gw-1", 1)).AsTask();
        var other = journal.AppendAsync(Entry("gw-2", 1)).AsTask();

        await journal.StartAsync(CancellationToken.None);
        var outcomes = await Task.WhenAll(first, twin, other).WaitAsync(TimeSpan.FromSeconds(60));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Added));
        Assert.Equal(2, await journal.CountAsync());
        Assert.Equal([1L], (await ListAsync(journal.ReadDeviceAfterAsync("gw-1", 0))).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_very_old_sequence_that_was_never_accepted_is_added()
    {
        var journal = await StartedAsync();
        await journal.AppendAsync(Entry("gw-1", 9_007_199_254_740_991));

        var old = await journal.AppendAsync(Entry("gw-1", 5));

        Assert.True(old.Added);
        await journal.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_device_reads_back_what_came_after_a_position_in_commit_order_with_its_payload()
    {
        var journal = await StartedAsync();
        var first = await journal.AppendAsync(Entry("gw-1", 2, minute: 2));
        await journal.AppendAsync(Entry("gw-2", 1, minute: 1));
        await journal.AppendAsync(Entry("gw-1", 1, minute: 1));
        await journal.AppendAsync(Entry("gw-1", 3, minute: 30));
        await journal.StopAsync(CancellationToken.None);

        var after = await ListAsync(journal.ReadDeviceAfterAsync("gw-1", first.Position));
        var all = await ListAsync(journal.ReadDeviceAfterAsync("gw-1", 0));

        Assert.Equal([1L, 3L], after.Select(e => e.Sequence));
        Assert.Equal([2L, 1L, 3L], all.Select(e => e.Sequence));
        Assert.Equal(new byte[] { 1, 2, 1 }, after[0].Payload.ToArray());
        Assert.Equal(Window.AddMinutes(1), after[0].WindowStart);
        Assert.Equal(Window.AddMinutes(2), after[0].ReceivedAt);
        Assert.Equal(("gw-1", "haidian"), (after[0].DeviceId, after[0].District));
        Assert.True(after[0].Position > first.Position);
    }

    [Fact]
    public async Task A_range_reads_by_window_and_district_device_by_device()
    {
        var journal = await StartedAsync();
        await journal.AppendAsync(Entry("gw-2", 1, minute: 5));
        await journal.AppendAsync(Entry("gw-1", 2, minute: 6));
        await journal.AppendAsync(Entry("gw-1", 1, minute: 5));
        await journal.AppendAsync(Entry("gw-1", 3, minute: 70));
        await journal.AppendAsync(Entry("gw-3", 1, minute: 5, district: "chaoyang"));
        await journal.StopAsync(CancellationToken.None);

        var range = await ListAsync(journal.ReadRangeAsync(Window, Window.AddHours(1), "haidian"));

        Assert.Equal(["gw-1/2", "gw-1/1", "gw-2/1"], range.Select(e => $"{e.DeviceId}/{e.Sequence}"));
        Assert.Equal(3, await journal.CountRangeAsync(Window, Window.AddHours(1), "haidian"));
        Assert.Equal(4, await journal.CountRangeAsync(Window, Window.AddHours(1)));
        Assert.Equal(4, (await ListAsync(journal.ReadRangeAsync(Window, Window.AddHours(1)))).Count);
    }

    [Fact]
    public async Task The_devices_heard_from_lately_are_found_from_the_newest_entries()
    {
        var journal = await StartedAsync();
        await journal.AppendAsync(Entry("gw-old", 1, minute: 0));
        await journal.AppendAsync(Entry("gw-new", 1, minute: 30));
        await journal.AppendAsync(Entry("gw-newer", 1, minute: 40));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal(Window.AddMinutes(41), await journal.LastReceivedAsync());
        Assert.Equal(["gw-new", "gw-newer"], await journal.DevicesReceivedSinceAsync(Window.AddMinutes(31)));
    }

    [Fact]
    public async Task An_empty_journal_has_no_last_receive_time()
    {
        var journal = Create();

        Assert.Null(await journal.LastReceivedAsync());
        Assert.Equal(0, await journal.CountAsync());
    }

    [Fact]
    public async Task An_append_waits_for_its_commit()
    {
        var journal = Create();
        var pending = journal.AppendAsync(Entry("gw-1", 1)).AsTask();

        // No writer yet: nothing is durable, so nothing may be acknowledged.
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        await journal.StartAsync(CancellationToken.None);
        await pending.WaitAsync(TimeSpan.FromSeconds(30));
        await journal.StopAsync(CancellationToken.None);
        Assert.Equal(1, await journal.CountAsync());
    }

    [Fact]
    public async Task Entries_whose_window_is_older_than_the_retention_are_pruned_each_interval()
    {
        var journal = await StartedAsync(o => (o.Retention, o.PruneInterval) = (TimeSpan.FromDays(3), TimeSpan.FromHours(1)));
        await journal.AppendAsync(Entry("gw-1", 1, minute: -4 * 24 * 60));
        await journal.AppendAsync(Entry("gw-1", 2));

        Time.Advance(TimeSpan.FromHours(1));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await journal.CountAsync() > 1 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal([2L], (await ListAsync(journal.ReadDeviceAfterAsync("gw-1", long.MinValue))).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_device_reads_its_windows_in_a_range_by_window_either_way_and_one_entry_by_sequence()
    {
        var journal = await StartedAsync();
        // Committed out of window order, and another device in the same windows.
        foreach (var entry in new[] { Entry("gw-1", 3, minute: 2), Entry("gw-1", 1, minute: 0), Entry("gw-2", 9, minute: 1), Entry("gw-1", 2, minute: 1),
            Entry("gw-1", 4, minute: 3) })
        {
            await journal.AppendAsync(entry);
        }

        var oldestFirst = await ListAsync(journal.ReadDeviceWindowsAsync("gw-1", Window.AddMinutes(1), Window.AddMinutes(3)));
        var newestFirst = await ListAsync(journal.ReadDeviceWindowsAsync("gw-1", Window, Window.AddMinutes(10), newestFirst: true));
        var found = await journal.FindAsync("gw-1", 3);
        var absent = await journal.FindAsync("gw-2", 3);
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal([2L, 3L], oldestFirst.Select(e => e.Sequence));
        Assert.Equal(Window.AddMinutes(1), oldestFirst[0].WindowStart);
        Assert.Equal([4L, 3L, 2L, 1L], newestFirst.Select(e => e.Sequence));
        Assert.Equal(("gw-1", 3L, Window.AddMinutes(2), "haidian"), (found!.DeviceId, found.Sequence, found.WindowStart, found.District));
        Assert.Equal(new byte[] { 1, 2, 3 }, found.Payload.ToArray());
        Assert.Null(absent);
    }
}
