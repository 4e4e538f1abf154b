using CityBrain.Bulletins;
using CityBrain.Bulletins.Composition;
using CityBrain.Bulletins.Model;
using CityBrain.Bulletins.Rendering;
using CityBrain.Regions;
using CityBrain.Storage.Bulletins;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Bulletins;

/// <summary>Each morning after <see cref="BulletinOptions.GenerateAt"/> (local time), archives every missing bulletin
/// of yesterday, last month and last year for every place of the tree in every configured language. It also runs
/// shortly after start (<see cref="BulletinOptions.StartDelay"/>), so a host that was down in the morning catches up; what is archived already is skipped, so it never makes a
/// bulletin twice.</summary>
public sealed partial class BulletinGenerator(
    BulletinComposer composer,
    IBulletinArchive archive,
    IOptions<BulletinOptions> options,
    TimeProvider time,
    ILogger<BulletinGenerator> logger) : BackgroundService
{
    /// <summary>How long after a failed run (the database unreachable, say) the next try comes.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        BulletinFontResolver.Install(options.Value.Fonts);
        await Task.Delay(options.Value.StartDelay, time, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = DueDay(time.GetUtcNow());
            try
            {
                var generated = await GenerateDueAsync(due, stoppingToken);
                LogRun(logger, due, generated);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, RetryDelay);
                await Task.Delay(RetryDelay, time, stoppingToken);
                continue;
            }
            // A run that ended after the next morning time began goes again at once rather than wait a day.
            var now = time.GetUtcNow();
            if (DueDay(now) == due) await Task.Delay(NextRun(now) - now, time, stoppingToken);
        }
    }

    /// <summary>The local day whose start decides what is due: today once <see cref="BulletinOptions.GenerateAt"/> has
    /// passed, else the day before (yesterday's bulletin is not due before the morning).</summary>
    public DateOnly DueDay(DateTimeOffset now)
    {
        var today = composer.Calendar.DayOf(now);
        return now >= composer.Calendar.StartOf(today) + options.Value.GenerateAt ? today : today.AddDays(-1);
    }

    private DateTimeOffset NextRun(DateTimeOffset now) => composer.Calendar.StartOf(DueDay(now).AddDays(1)) + options.Value.GenerateAt;

    /// <summary>Archives what is due on <paramref name="day"/> (see <see cref="DueDay"/>) and missing; returns how many
    /// bulletins it added.</summary>
    public async Task<int> GenerateDueAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var languages = options.Value.ParsedLanguages();
        var added = 0;
        foreach (var kind in Enum.GetValues<BulletinKind>())
        {
            var period = BulletinPeriod.LastEnded(kind, day);
            foreach (var place in RegionTree.Walk(composer.Tree.Root))
            {
                added += await GenerateAsync(place.Id, period, languages, cancellationToken);
            }
        }
        return added;
    }

    private async Task<int> GenerateAsync(string regionId, BulletinPeriod period, IReadOnlyList<BulletinLanguage> languages, CancellationToken cancellationToken)
    {
        var missing = new List<(BulletinLanguage Language, BulletinKey Key)>();
        foreach (var language in languages)
        {
            var key = new BulletinKey(regionId, BulletinPeriod.NameOf(period.Kind), period.First, language.Code());
            if (!await archive.ContainsAsync(key, cancellationToken)) missing.Add((language, key));
        }
        if (missing.Count == 0) return 0;
        var bulletin = await composer.ComposeAsync(regionId, period, cancellationToken);
        var json = BulletinJson.Serialize(bulletin);
        var added = 0;
        foreach (var (language, key) in missing)
        {
            if (await archive.AddAsync(new ArchivedBulletin(key, bulletin.ComposedAt, json, BulletinPdf.Render(bulletin, language)), cancellationToken)) added++;
        }
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletins due on {DueDay}: {Generated} generated and archived")]
    private static partial void LogRun(ILogger logger, DateOnly dueDay, int generated);

    [LoggerMessage(Level = LogLevel.Error, Message = "Generating the bulletins failed; trying again in {RetryDelay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan retryDelay);
}
