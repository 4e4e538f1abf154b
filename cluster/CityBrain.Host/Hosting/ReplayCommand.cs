using System.Diagnostics;
using System.Globalization;
using CityBrain.Grains;
using CityBrain.Grains.Regions;
using CityBrain.Regions;
using CityBrain.Grains.Replay;
using CityBrain.Contracts.Journal;
using CityBrain.Indicators.History;
using CityBrain.Storage.Journal;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Hosting;

/// <summary><c>CityBrain.Host replay --from TIME --to TIME [--district ID] [--data DIR] [--city FILE]</c>: recomputes
/// device, district and city hours, their indicators and history for a range from the raw journal, on a stopped
/// host's data directory, or with <c>--mode=Cluster --postgres=…</c> on a stopped cluster's shared stores. Settings (e.g.
/// <c>--Grains:AqiStandard=UsEpa2024</c>) are read as the host reads them.</summary>
public static class ReplayCommand
{
    private const string Usage = """
        usage: CityBrain.Host replay --from TIME --to TIME [OPTIONS]
        recomputes device, district and city hours and their history for the range from the raw journal of a stopped host.
          --from TIME, --to TIME          the range, ISO 8601 (e.g. 2026-12-01T00:00:00Z), within Journal:Retention
          --district ID                   only this district (default the whole city)
          --data DIR                      the stopped host's data directory (default ./data)
          --city FILE                     the city file the host runs with
          --mode=Cluster --postgres=CONNECTION --confirm-cluster-stopped=true
                                          a stopped cluster's shared PostgreSQL instead
          --Section:Key=VALUE             any host setting, read as the host reads it (e.g. --Grains:AqiStandard=UsEpa2024)
        Exit codes: 0 done, 2 a usage or settings mistake, 3 the data is in use (stop the host or cluster first).
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "replay";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (CommandLine.AsksForHelp(args))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }
        var settings = args[1..];
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = settings,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(settings, CommandLine.Switches.ToDictionary());
        SecretSettings.ReadFiles(builder.Configuration);
        var options = builder.Configuration.GetSection(CityBrainOptions.Section).Get<CityBrainOptions>() ?? new CityBrainOptions();
        var now = DateTimeOffset.UtcNow;
        if (Time(builder.Configuration["from"], "--from", error) is not { } from || Time(builder.Configuration["to"], "--to", error) is not { } to)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var regions = RegionLoading.Load(options).Tree;
        var district = builder.Configuration["district"];
        var journalOptions = builder.Configuration.GetSection("Journal").Get<RawJournalOptions>() ?? new RawJournalOptions();
        if (Check(from, to, now, district, regions, journalOptions.Retention) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return 2;
        }
        // Replay rewrites hours that running grains hold in memory: the grains would write them back.
        if (options.Mode == HostMode.Cluster && builder.Configuration["confirm-cluster-stopped"] != "true")
        {
            await error.WriteLineAsync("Replay on a cluster rewrites hours its silos' grains hold in memory: stop every silo first, then run it again with --confirm-cluster-stopped=true.");
            return 3;
        }
        DataDirectoryLock? dataLock;
        try
        {
            dataLock = builder.AddCityBrainStores(options);
        }
        catch (DataDirectoryInUseException ex)
        {
            await error.WriteLineAsync($"{ex.Message} Replay rewrites hours a running host's grains hold in memory.");
            return 3;
        }
        using var heldLock = dataLock;

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCityBrainGrains(regions);
        builder.Services.Configure<GrainOptions>(builder.Configuration.GetSection("Grains"));
        // Read only: the stores' hosted writers are not started.
        builder.Services.AddSingleton(sp => new RangeReplay(sp.GetRequiredService<IRawJournal>(), sp.GetRequiredService<IHistoryStore>(),
            sp.GetRequiredService<RegionCatalog>(), sp.GetRequiredService<IOptions<GrainOptions>>().Value));
        using var host = builder.Build();

        var range = new ReplayRange(from, to < now ? to : now, district);
        var replay = host.Services.GetRequiredService<RangeReplay>();
        var hours = replay.HoursOf(range).ToList();
        var checkpoint = ReplayCheckpoint.Open(options.DataPath("replay.checkpoint"), range);
        await output.WriteLineAsync($"Replaying {hours.Count} hours {hours[0].Start:O} .. {hours[^1].End:O} of {(district is null ? $"{regions.Root.Level} {regions.Root.Id}" : $"district {district}")} from {(options.Mode == HostMode.Cluster ? "the cluster's PostgreSQL" : Path.GetFullPath(options.DataPath("journal.db")))}"
            + (checkpoint.Resumed > 0 ? $", resuming after {checkpoint.Resumed} devices already done" : ""));
        var clock = Stopwatch.StartNew();
        var bar = new ConsoleProgressBar(error);
        var summary = await replay.RunAsync(range, checkpoint, bar, cancellationToken);
        bar.Finish();
        var rate = summary.Reports / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
        await output.WriteLineAsync(FormattableString.Invariant(
            $"Replayed {summary.Reports:N0} reports of {summary.Devices:N0} devices in {clock.Elapsed.TotalSeconds:F1} s ({rate:N0} reports/s): ")
            + FormattableString.Invariant($"{summary.DeviceHours:N0} device hours, {summary.DistrictHours:N0} district hours, {summary.RegionHours:N0} region hours rewritten")
            + (summary.Skipped > 0 ? FormattableString.Invariant($"; {summary.Skipped:N0} journal entries skipped because today's rules refuse them") : ""));
        return 0;
    }

    private static DateTimeOffset? Time(string? text, string name, TextWriter error)
    {
        if (text is null)
        {
            error.WriteLine($"{name} is required.");
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
        error.WriteLine($"{name} '{text}' is not a time; write it as ISO 8601, e.g. 2026-12-01T00:00:00Z.");
        return null;
    }

    private static string? Check(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, string? district, RegionTree regions, TimeSpan retention)
    {
        if (to <= from) return $"--to {to:O} must be after --from {from:O}.";
        if (from >= now) return $"--from {from:O} is in the future: there is nothing to replay yet.";
        var oldest = now - retention;
        if (from < oldest)
        {
            return $"--from {from:O} is before {oldest:O}: the journal keeps {retention.TotalDays:F0} days (Journal:Retention), so older hours cannot be rebuilt from it.";
        }
        if (district is not null && !regions.IsLeaf(district))
        {
            return $"--district '{district}' is not a district of '{regions.Root.Id}'; known districts: {string.Join(", ", regions.Leaves.Select(d => d.Id))}.";
        }
        return null;
    }
}
