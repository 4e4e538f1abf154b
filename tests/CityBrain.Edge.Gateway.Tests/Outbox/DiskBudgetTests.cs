using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Edge.Gateway.Tests.Outbox;

/// <summary>A long outage against a small disk budget: the oldest reports are merged into longer windows before any
/// is dropped, and every report is accounted for.</summary>
public sealed class DiskBudgetTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private const long Budget = 512 * 1024;
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Reports.Start);

    private async Task<(SqliteOutbox Outbox, DeviceOutbox Gateway)> OutageAsync(int minutes, TimeSpan maxThinnedWindow, int leasedFirst = 0)
    {
        var outbox = Reports.Open(_dir.File("outbox.db"), _time, new OutboxOptions { DiskBudgetBytes = Budget, MaxThinnedWindow = maxThinnedWindow });
        var gateway = outbox.Device("gw-1");
        if (leasedFirst > 0)
        {
            await EnqueueAsync(gateway, 0, leasedFirst);
            await gateway.LeaseAsync(-1, leasedFirst);
        }
        // Twenty windows at a time share a commit, as a fleet's reports do; each gets its own sequence in order.
        for (var i = leasedFirst; i < minutes; i += 20) await EnqueueAsync(gateway, i, Math.Min(20, minutes - i));
        return (outbox, gateway);
    }

    private Task EnqueueAsync(DeviceOutbox gateway, int first, int count)
    {
        _time.Advance(Minute * count);
        return Task.WhenAll(Enumerable.Range(first, count)
            .Select(i => gateway.EnqueueAsync(Reports.Start.AddMinutes(i), Minute, Reports.Readings(20 + i % 7, readings: 12))));
    }

    private static async Task<List<Telemetry>> QueuedAsync(DeviceOutbox gateway) =>
        (await gateway.LeaseAsync(-1, int.MaxValue)).Select(e => WireFormat.ParseTelemetry(e.Payload, e.WindowStart.AddHours(1)).Value!).ToList();

    [Fact]
    public async Task A_long_outage_thins_the_oldest_reports_into_hour_windows_and_drops_nothing()
    {
        const int minutes = 1_200;
        var (outbox, gateway) = await OutageAsync(minutes, TimeSpan.FromHours(1));
        await using var _ = outbox;

        var backlog = await gateway.BacklogAsync();
        var used = outbox.FileBytes();
        var queued = await QueuedAsync(gateway);

        // The files themselves, write-ahead log included: the budget holds as soon as the last report is committed.
        Assert.True(used <= Budget, $"outbox uses {used} bytes of a {Budget} byte budget");
        Assert.True(backlog.Thinned > 0, "the budget should have forced thinning");
        Assert.Equal(0, backlog.Dropped);
        Assert.Equal(minutes, backlog.Depth + backlog.Thinned);
        // Nothing lost: the windows still cover the outage without gap or overlap, and every sample is counted.
        Assert.Equal(Reports.Start, queued[0].Timestamp);
        for (var i = 1; i < queued.Count; i++) Assert.Equal(queued[i - 1].Timestamp.AddSeconds(queued[i - 1].WindowSeconds), queued[i].Timestamp);
        Assert.Equal(Reports.Start.AddMinutes(minutes), queued[^1].Timestamp.AddSeconds(queued[^1].WindowSeconds));
        Assert.All(queued, t => Assert.All(t.Readings, r => Assert.Equal(12 * t.WindowSeconds / 60, r.Count)));
        // Merged windows never straddle an hour, and the oldest data is the coarsest.
        Assert.All(queued, t => Assert.Equal(t.Timestamp.Hour, t.Timestamp.AddSeconds(t.WindowSeconds - 1).Hour));
        Assert.Equal(3600, queued[0].WindowSeconds);
        Assert.Equal(60, queued[^1].WindowSeconds);
        Assert.Equal(queued.Select(t => t.Sequence).Order(), queued.Select(t => t.Sequence));
    }

    [Fact]
    public async Task A_log_held_open_by_a_reader_is_given_back_by_the_first_write_after_the_reader_leaves()
    {
        var (outbox, gateway) = await OutageAsync(400, TimeSpan.FromHours(1));
        await using var _ = outbox;
        // A reader's snapshot keeps every checkpoint from reaching the end of the log, as a slow status read does on a
        // loaded machine, so the log grows past its share while the reports keep coming.
        await using (var reader = new SqliteConnection($"Data Source={outbox.Path}"))
        {
            await reader.OpenAsync();
            await using var snapshot = reader.BeginTransaction(deferred: true);
            await using (var read = reader.CreateCommand())
            {
                read.Transaction = snapshot;
                read.CommandText = "SELECT count(*) FROM outbox";
                await read.ExecuteScalarAsync();
            }
            for (var i = 400; i < 600; i += 20) await EnqueueAsync(gateway, i, 20);
            Assert.True(outbox.FileBytes() > Budget, $"the held log should have grown the files past the budget, they are {outbox.FileBytes()} bytes");
        }

        await EnqueueAsync(gateway, 600, 1);

        Assert.True(outbox.FileBytes() <= Budget, $"outbox uses {outbox.FileBytes()} bytes of a {Budget} byte budget");
    }

    [Fact]
    public async Task When_nothing_is_left_to_thin_the_oldest_reports_are_dropped_and_counted()
    {
        const int minutes = 1_000;
        var (outbox, gateway) = await OutageAsync(minutes, TimeSpan.FromMinutes(2));
        await using var _ = outbox;

        var backlog = await gateway.BacklogAsync();
        var queued = await QueuedAsync(gateway);

        Assert.True(backlog.Thinned > 0);
        Assert.True(backlog.Dropped > 0);
        Assert.Equal(minutes, backlog.Depth + backlog.Thinned + backlog.Dropped);
        // The newest data survives whole; what went was the oldest.
        Assert.Equal(Reports.Start.AddMinutes(minutes), queued[^1].Timestamp.AddSeconds(queued[^1].WindowSeconds));
        Assert.True(queued[0].Timestamp > Reports.Start);
        Assert.All(queued, t => Assert.True(t.WindowSeconds <= 120));
    }

    [Fact]
    public async Task Reports_already_handed_to_the_broker_are_never_merged()
    {
        var (outbox, gateway) = await OutageAsync(600, TimeSpan.FromHours(1), leasedFirst: 5);
        await using var _ = outbox;

        var queued = await QueuedAsync(gateway);

        Assert.True((await gateway.BacklogAsync()).Thinned > 0);
        Assert.Equal([0L, 1L, 2L, 3L, 4L], queued.Take(5).Select(t => t.Sequence - queued[0].Sequence));
        Assert.Equal(Reports.Start, queued[0].Timestamp);
        Assert.All(queued.Take(5), t => Assert.Equal(60, t.WindowSeconds));
        Assert.True(queued[5].WindowSeconds > 60);
    }

    [Fact]
    public async Task A_smaller_budget_applies_when_the_outbox_is_opened()
    {
        var (outbox, _) = await OutageAsync(150, TimeSpan.FromHours(1));
        await outbox.DisposeAsync();

        await using var smaller = Reports.Open(_dir.File("outbox.db"), _time, new OutboxOptions { DiskBudgetBytes = 256 * 1024 });
        var backlog = await smaller.Device("gw-1").BacklogAsync();

        Assert.True(backlog.Thinned > 0);
        Assert.Equal(150, backlog.Depth + backlog.Thinned + backlog.Dropped);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
