using System.Text;
using CityBrain.Edge.Outbox;

namespace CityBrain.Edge.Tests.Outbox;

public class SqliteOutboxTests
{
    private static readonly DateTimeOffset Window = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-outbox-").FullName, "outbox.db");

    private SqliteOutbox Open() => new(_path, TimeProvider.System);

    private static byte[] Payload(long sequence) => Encoding.UTF8.GetBytes($"report {sequence}");

    [Fact]
    public async Task Reports_come_out_oldest_first_with_the_sequence_they_were_built_with()
    {
        var outbox = Open();
        for (var i = 0; i < 5; i++) await outbox.EnqueueAsync(Window.AddMinutes(i), Payload);

        var entries = await outbox.OldestAsync(3);

        Assert.Equal([0L, 1L, 2L], entries.Select(e => e.Sequence));
        Assert.Equal("report 1", Encoding.UTF8.GetString(entries[1].Payload));
        Assert.Equal(Window.AddMinutes(1), entries[1].WindowStart);
    }

    [Fact]
    public async Task The_sequence_never_repeats_even_after_reopening_and_draining()
    {
        var first = Open();
        await first.EnqueueAsync(Window, Payload);
        var second = await first.EnqueueAsync(Window, Payload);
        await first.DeleteAsync([0]);
        await first.DeleteAsync([second]);

        var reopened = Open();
        Assert.Equal(2, await reopened.EnqueueAsync(Window, Payload));
    }

    [Fact]
    public async Task Only_acknowledged_reports_leave_and_the_backlog_says_how_old_the_oldest_is()
    {
        var outbox = Open();
        await outbox.EnqueueAsync(Window, Payload);
        await outbox.EnqueueAsync(Window, Payload);
        await outbox.DeleteAsync([0]);

        var (depth, oldest) = await outbox.BacklogAsync();

        Assert.Equal(1, depth);
        Assert.NotNull(oldest);
        Assert.Equal([1L], (await Open().OldestAsync(10)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_refused_report_is_set_aside_with_its_reason()
    {
        var outbox = Open();
        await outbox.EnqueueAsync(Window, Payload);

        await outbox.SetAsideAsync(0, "PayloadFormatInvalid: unknown quantity");

        Assert.Empty(await outbox.OldestAsync(10));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT reason FROM refused WHERE sequence = 0";
        Assert.Equal("PayloadFormatInvalid: unknown quantity", command.ExecuteScalar());
    }
}
