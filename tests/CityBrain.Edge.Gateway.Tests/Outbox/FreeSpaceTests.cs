using CityBrain.Edge.Outbox;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Edge.Gateway.Tests.Outbox;

/// <summary>The outbox's budget follows the free space on its volume, and a full disk is one warning and a
/// condition in health, not a stack trace per write.</summary>
public sealed class FreeSpaceTests : IDisposable
{
    private const long KiB = 1024, MiB = 1024 * KiB;
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Reports.Start);

    [Theory]
    [InlineData(256 * MiB, 10 * MiB, 100 * MiB, 64 * MiB, 46 * MiB)] // the volume runs low: what it holds plus free above the reserve
    [InlineData(256 * MiB, 10 * MiB, 10_000 * MiB, 64 * MiB, 256 * MiB)] // plenty of room: the configured budget
    [InlineData(256 * MiB, 1 * MiB, 0, 64 * MiB, 256 * KiB)] // a full disk: never below the floor
    public void The_budget_is_the_configured_one_or_what_the_volume_leaves_above_the_reserve(long configured, long files, long free, long reserve, long expected) =>
        Assert.Equal(expected, new OutboxOptions { DiskBudgetBytes = configured, FreeSpaceReserveBytes = reserve }.EffectiveBudgetBytes(files, free));

    [Fact]
    public async Task Thinning_starts_when_the_volume_runs_low_long_before_the_configured_budget()
    {
        var path = _dir.File("outbox.db");
        // A volume of 1 MiB that the outbox has to itself: free space is what its files leave.
        var volume = new Volume(path, 1 * MiB);
        await using var outbox = SqliteOutbox.Open(path, new OutboxOptions { DiskBudgetBytes = 256 * MiB, FreeSpaceReserveBytes = 256 * KiB },
            _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteOutbox>.Instance, volume);
        var gateway = outbox.Device("gw-1");

        for (var i = 0; i < 1_200; i += 20)
        {
            await Task.WhenAll(Enumerable.Range(i, 20).Select(m => gateway.EnqueueAsync(Reports.Start.AddMinutes(m), TimeSpan.FromMinutes(1), Reports.Readings(20, readings: 12))));
        }

        var backlog = await gateway.BacklogAsync();
        Assert.True(backlog.Thinned > 0, "the low volume should have forced thinning");
        Assert.True(outbox.FileBytes() <= 768 * KiB, $"outbox uses {outbox.FileBytes()} bytes of a 1 MiB volume with a 256 KiB reserve");
    }

    [Fact]
    public void The_real_free_space_of_the_temp_directory_is_read_from_its_file_system()
    {
        var free = DriveFreeSpace.Instance.AvailableBytes(_dir.Path);

        Assert.InRange(free, 1, new DriveInfo(_dir.Path).TotalSize);
    }

    [TmpfsFact]
    public async Task A_full_disk_is_one_warning_without_stack_trace_and_a_condition_until_there_is_room_again()
    {
        using var tmpfs = new Tmpfs(_dir.File("small"), "size=2m");
        try
        {
            await FillTheDiskAsync(tmpfs);
        }
        finally
        {
            // Pooled readers keep the file open, and the file system busy, after the outbox is closed.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private async Task FillTheDiskAsync(Tmpfs tmpfs)
    {
        var logger = new Captured();
        await using var outbox = SqliteOutbox.Open(Path.Combine(tmpfs.Path, "outbox.db"), new OutboxOptions { FreeSpaceReserveBytes = 0 }, _time, logger);
        var gateway = outbox.Device("gw-1");
        await gateway.EnqueueAsync(Reports.Start, TimeSpan.FromMinutes(1), Reports.Readings());
        var full = tmpfs.Fill();
        Assert.True(DiskFull.Is(full), $"ENOSPC should count as a full disk: {full.HResult} {full.Message}");

        var failures = 0;
        for (var m = 1; m <= 200; m++)
        {
            try
            {
                await gateway.EnqueueAsync(Reports.Start.AddMinutes(m), TimeSpan.FromMinutes(1), Reports.Readings(readings: 12));
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (DiskFull.Is(ex))
            {
                failures++;
            }
        }

        Assert.True(failures > 1, $"{failures} writes failed on the full disk");
        Assert.NotNull(outbox.DiskFullSince);
        var warning = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.Contains("is full; the outbox holds", warning.Message);
        Assert.Contains("oldest reports are being thinned", warning.Message);

        File.Delete(tmpfs.Filler);
        await gateway.EnqueueAsync(Reports.Start.AddMinutes(300), TimeSpan.FromMinutes(1), Reports.Readings());
        Assert.Null(outbox.DiskFullSince);
    }

    public void Dispose() => _dir.Dispose();

    private sealed class Volume(string path, long size) : IFreeSpace
    {
        public long AvailableBytes(string directory) => Math.Max(0, size - DiskBudget.FileBytes(path));
    }

    private sealed class Captured : ILogger<SqliteOutbox>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
