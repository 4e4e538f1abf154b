using CityBrain.Bulletins.Composition;
using CityBrain.Host.Bulletins;
using CityBrain.Regions;
using CityBrain.Storage.Bulletins;
using CityBrain.Storage.History;
using CityBrain.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Host.Tests;

/// <summary>The morning generator on a fake clock over real SQLite stores: what it archives at start and after the
/// configured local time, and that it never archives a bulletin twice.</summary>
public sealed class BulletinGeneratorTests
{
    private static readonly RegionTree Tree = new(
        Place("city", "城市", Place("d1", "一区"), Place("d2", "二区")), "Asia/Shanghai");

    [Fact]
    public async Task It_catches_up_at_start_and_generates_yesterdays_bulletins_after_the_morning_time()
    {
        // 03:00 in Shanghai on 7 December: before 06:00, so the 5th is the last day due, with November and 2025.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 19, 0, 0, TimeSpan.Zero));
        var folder = Directory.CreateTempSubdirectory("citybrain-bulletin-generator-").FullName;
        var history = new SqliteHistoryStore(Options.Create(new HistoryStoreOptions { DatabasePath = Path.Combine(folder, "history.db") }),
            time, NullLogger<SqliteHistoryStore>.Instance);
        var archive = new SqliteBulletinArchive(Path.Combine(folder, "bulletins.db"));
        var options = Options.Create(new BulletinOptions { Languages = "en", GenerateAt = TimeSpan.FromHours(6), StartDelay = TimeSpan.Zero });
        using var generator = new BulletinGenerator(new BulletinComposer(history, Tree, null, time), archive, options, time, NullLogger<BulletinGenerator>.Instance);

        await generator.StartAsync(CancellationToken.None);
        await Until(archive, "d2", "year", 1);

        Assert.Equal([new DateOnly(2026, 12, 5)], await PeriodsAsync(archive, "city", "day"));
        Assert.Equal([new DateOnly(2026, 11, 1)], await PeriodsAsync(archive, "d1", "month"));
        Assert.Equal([new DateOnly(2025, 1, 1)], await PeriodsAsync(archive, "d2", "year"));

        // 06:00 local: the 6th is due; the month and the year are archived already and are not made again.
        var morning = new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);
        await RunningHost.EventuallyAsync(() =>
        {
            // Moved on in the probe: the generator may still be between its run and its wait when the clock first moves.
            if (time.GetUtcNow() < morning) time.Advance(morning - time.GetUtcNow());
            return archive.ListAsync("d2", "day", 0, 10);
        }, page => page.Total >= 2, "the 6th's bulletin of d2", TimeSpan.FromMinutes(2));

        Assert.Equal([new DateOnly(2026, 12, 6), new DateOnly(2026, 12, 5)], await PeriodsAsync(archive, "city", "day"));
        Assert.Equal(1, (await archive.ListAsync("city", "month", 0, 10)).Total);
        Assert.Equal(1, (await archive.ListAsync("city", "year", 0, 10)).Total);
        await generator.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Options_name_what_is_wrong()
    {
        var result = new BulletinOptionsValidator().Validate(null, new BulletinOptions
        {
            GenerateAt = TimeSpan.FromHours(25),
            Languages = "zh,fr",
            StartDelay = TimeSpan.FromHours(2),
            CjkFont = "/nonexistent/cjk.ttf",
        });

        Assert.True(result.Failed);
        Assert.Contains("Bulletins:GenerateAt 1.01:00:00", result.FailureMessage);
        Assert.Contains("Bulletins:Languages names 'fr'", result.FailureMessage);
        Assert.Contains("Bulletins:StartDelay 02:00:00", result.FailureMessage);
        Assert.Contains("/nonexistent/cjk.ttf is missing (Debian: apt-get install fonts-droid-fallback", result.FailureMessage);
    }

    /// <summary>The last place of the tree is generated last within a kind, and years last of the kinds.</summary>
    private static Task Until(IBulletinArchive archive, string region, string kind, int count) =>
        RunningHost.EventuallyAsync(() => archive.ListAsync(region, kind, 0, 10), page => page.Total >= count,
            $"{count} {kind} bulletins of {region}", TimeSpan.FromMinutes(2));

    private static async Task<IEnumerable<DateOnly>> PeriodsAsync(IBulletinArchive archive, string region, string kind) =>
        (await archive.ListAsync(region, kind, 0, 10)).Entries.Select(e => e.Key.PeriodStart);

    private static RegionNode Place(string id, string nameZh, params RegionNode[] children) =>
        new(id, id, nameZh, children.Length == 0 ? "district" : "city", null, children.Length == 0 ? "2" : null, [0, 0], children);
}
