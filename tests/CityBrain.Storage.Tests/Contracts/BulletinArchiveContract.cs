using CityBrain.Storage.Bulletins;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every bulletin archive does, whichever database holds the bulletins.</summary>
public abstract class BulletinArchiveContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    /// <summary>An archive over this test's database; each call opens the same database anew.</summary>
    protected abstract IBulletinArchive Open();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static ArchivedBulletin Bulletin(int day, string language, string json = "{}") =>
        new(new BulletinKey("city-a", "day", new DateOnly(2026, 12, day), language), Now.AddDays(day), json, [37, 80, 68, 70, (byte)day]);

    [Fact]
    public async Task A_bulletin_is_archived_once_per_key_and_read_back_whole()
    {
        var archive = Open();
        var first = Bulletin(6, "zh", """{"first":true}""");

        Assert.True(await archive.AddAsync(first));
        Assert.False(await archive.AddAsync(Bulletin(6, "zh", """{"second":true}""")));

        var read = await Open().GetAsync(first.Key);
        Assert.NotNull(read);
        Assert.Equal((first.Key, first.GeneratedAt, first.ModelJson), (read.Key, read.GeneratedAt, read.ModelJson));
        Assert.Equal(first.Pdf, read.Pdf);
        Assert.True(await archive.ContainsAsync(first.Key));
        Assert.False(await archive.ContainsAsync(first.Key with { Language = "en" }));
        Assert.Null(await archive.GetAsync(first.Key with { Kind = "month" }));
    }

    [Fact]
    public async Task A_list_pages_through_a_places_bulletins_of_one_kind_newest_first()
    {
        var archive = Open();
        foreach (var day in new[] { 4, 6, 5 })
        {
            await archive.AddAsync(Bulletin(day, "en"));
            await archive.AddAsync(Bulletin(day, "zh"));
        }
        await archive.AddAsync(Bulletin(7, "zh") with { Key = new BulletinKey("city-b", "day", new DateOnly(2026, 12, 7), "zh") });

        var page = await Open().ListAsync("city-a", "day", 1, 3);
        var past = await archive.ListAsync("city-a", "day", 10, 3);

        Assert.Equal(6, page.Total);
        Assert.Equal([(6, "zh"), (5, "en"), (5, "zh")], page.Entries.Select(e => (e.Key.PeriodStart.Day, e.Key.Language)));
        Assert.Equal(5, page.Entries[0].PdfBytes);
        Assert.Empty(past.Entries);
        Assert.Equal(6, past.Total);
        Assert.Equal(0, (await archive.ListAsync("city-a", "month", 0, 10)).Total);
    }
}
