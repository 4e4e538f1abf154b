using CityBrain.Contracts.Parsing;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Edge.Gateway.Tests.Outbox;

public sealed class SqliteOutboxTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _dir = new();
    private static readonly DateTimeOffset Opened = Reports.Start.AddHours(1);

    /// <summary>A device's first sequence: the outbox's clock in milliseconds when its first report was committed.</summary>
    private static readonly long First = Opened.ToUnixTimeMilliseconds();

    private readonly FakeTimeProvider _time = new(Opened);

    private string PathOf => _dir.File("outbox.db");

    private SqliteOutbox Open() => Reports.Open(PathOf, _time);

    [Fact]
    public async Task Reports_come_out_oldest_first_as_telemetry_with_the_sequence_they_were_committed_with()
    {
        await using var outbox = Open();
        var gateway = outbox.Device("gw-1");
        for (var i = 0; i < 5; i++) Assert.Equal(First + i, await gateway.EnqueueAsync(Reports.Start.AddMinutes(i), Minute, Reports.Readings(i)));

        var entries = await gateway.LeaseAsync(-1, 3);

        Assert.Equal([First, First + 1, First + 2], entries.Select(e => e.Sequence));
        var telemetry = WireFormat.ParseTelemetry(entries[1].Payload, Reports.Start.AddHours(2));
        Assert.True(telemetry.Ok, telemetry.Rejection?.ToString());
        Assert.Equal(("gw-1", First + 1, Reports.Start.AddMinutes(1), 60), (telemetry.Value.DeviceId, telemetry.Value.Sequence, telemetry.Value.Timestamp, telemetry.Value.WindowSeconds));
        Assert.Equal(1, telemetry.Value.Readings[0].Value);
        Assert.Equal([First + 3, First + 4], (await gateway.LeaseAsync(First + 2, 10)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task The_sequence_never_repeats_even_after_draining_and_reopening()
    {
        await using (var first = Open())
        {
            var gateway = first.Device("gw-1");
            await gateway.EnqueueAsync(Reports.Start, Minute, Reports.Readings());
            await gateway.EnqueueAsync(Reports.Start, Minute, Reports.Readings());
            await gateway.AcknowledgeAsync(First);
            await gateway.AcknowledgeAsync(First + 1);
        }

        await using var reopened = Open();
        Assert.Equal(First + 2, await reopened.Device("gw-1").EnqueueAsync(Reports.Start, Minute, Reports.Readings()));
    }

    [Fact]
    public async Task A_gateway_given_a_new_outbox_starts_above_every_sequence_it_sent_before()
    {
        long last;
        await using (var old = Open())
        {
            for (var i = 0; i < 1000; i++) await old.Device("gw-1").EnqueueAsync(Reports.Start, Minute, Reports.Readings());
            last = (await old.Device("gw-1").BacklogAsync()).NextSequence - 1;
        }
        File.Delete(PathOf);
        _time.Advance(TimeSpan.FromSeconds(1));

        await using var reimaged = Open();

        // The cluster drops sequences it has seen: a fresh start at 0 would lose the new gateway's reports.
        Assert.True(await reimaged.Device("gw-1").EnqueueAsync(Reports.Start, Minute, Reports.Readings()) > last);
    }

    [Fact]
    public async Task Devices_sharing_an_outbox_have_their_own_sequences_and_queues()
    {
        await using var outbox = Open();
        await outbox.Device("gw-a").EnqueueAsync(Reports.Start, Minute, Reports.Readings());
        await outbox.Device("gw-a").EnqueueAsync(Reports.Start, Minute, Reports.Readings());

        Assert.Equal(First, await outbox.Device("gw-b").EnqueueAsync(Reports.Start, Minute, Reports.Readings()));
        Assert.Equal(2, (await outbox.Device("gw-a").BacklogAsync()).Depth);
        Assert.Equal(1, (await outbox.Device("gw-b").BacklogAsync()).Depth);
    }

    [Fact]
    public async Task Concurrent_writers_are_committed_together_and_each_gets_its_own_sequence()
    {
        await using var outbox = Open();
        var gateway = outbox.Device("gw-1");

        var sequences = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => gateway.EnqueueAsync(Reports.Start, Minute, Reports.Readings())));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => First + i), sequences.Order());
        Assert.Equal(200, (await gateway.BacklogAsync()).Depth);
    }

    [Fact]
    public async Task Only_acknowledged_reports_leave_and_the_backlog_says_how_old_the_oldest_is()
    {
        await using var outbox = Open();
        var gateway = outbox.Device("gw-1");
        await gateway.EnqueueAsync(Reports.Start, Minute, Reports.Readings());
        _time.Advance(TimeSpan.FromMinutes(5));
        await gateway.EnqueueAsync(Reports.Start.AddMinutes(5), Minute, Reports.Readings());
        _time.Advance(TimeSpan.FromMinutes(2));

        var before = await gateway.BacklogAsync();
        await gateway.AcknowledgeAsync(First);
        var after = await gateway.BacklogAsync();

        Assert.Equal((2, TimeSpan.FromMinutes(7)), (before.Depth, before.OldestAge(_time.GetUtcNow())));
        Assert.Equal((1, TimeSpan.FromMinutes(2), First + 2), (after.Depth, after.OldestAge(_time.GetUtcNow()), after.NextSequence));
    }

    [Fact]
    public async Task A_refused_report_is_set_aside_with_its_reason_and_counted()
    {
        await using var outbox = Open();
        var gateway = outbox.Device("gw-1");
        await gateway.EnqueueAsync(Reports.Start, Minute, Reports.Readings());
        await gateway.EnqueueAsync(Reports.Start, Minute, Reports.Readings());

        Assert.True(await gateway.SetAsideAsync(First, "PayloadFormatInvalid: unknown quantity"));
        Assert.False(await gateway.SetAsideAsync(First, "again"));

        Assert.Equal([First + 1], (await gateway.LeaseAsync(-1, 10)).Select(e => e.Sequence));
        Assert.Equal(1, (await gateway.BacklogAsync()).Refused);
        await using var connection = new SqliteConnection($"Data Source={PathOf}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT reason FROM refused WHERE device = 'gw-1' AND sequence = {First}";
        Assert.Equal("PayloadFormatInvalid: unknown quantity", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_file_that_is_not_an_outbox_is_refused_with_what_to_do()
    {
        await using (var connection = new SqliteConnection($"Data Source={PathOf}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE something (x); PRAGMA user_version = 7;";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        var error = Assert.Throws<OutboxException>(Open);

        Assert.Contains("schema 7", error.Message);
        Assert.Contains("move it aside", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
