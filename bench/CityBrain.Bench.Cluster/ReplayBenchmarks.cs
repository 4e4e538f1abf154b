using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Replay;
using CityBrain.Host.Hosting;
using CityBrain.Storage.History;
using CityBrain.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.Bench.Cluster;

/// <summary>What the journal-first device grain costs away from live ingest: a device catching up with a long journal
/// tail on activation, and the <c>replay</c> verb recomputing hours from the journal.</summary>
internal static partial class ReplayBenchmarks
{
    /// <summary>Activation of a device that never reported but has N entries in the journal (as after a crash that lost
    /// its saved state, or a host that journalled and died before applying): <c>CatchUp()</c> activates the grain, which
    /// reads and applies the whole tail, closing and writing every hour the tail passes, before it answers.</summary>
    public static async Task ActivationAsync(Options o)
    {
        var sizes = o.Ints("entries", [100, 1_000, 10_000]);
        var repeats = o.Int("repeat", 3);
        await using var host = await BenchHost.StartAsync(TimeSpan.FromSeconds(5));
        var grains = host.App.Services.GetRequiredService<IGrainFactory>();
        var journal = host.App.Services.GetRequiredService<IRawJournal>();
        var district = Districts(host)[0];
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        async Task<TimeSpan> ActivateAsync(string device, int entries)
        {
            await AppendTailAsync(journal, district, device, entries, LastMinute());
            var clock = Stopwatch.StartNew();
            await grains.GetGrain<IDeviceGrain>(device).CatchUp();
            var elapsed = clock.Elapsed;
            var snapshot = await grains.GetGrain<IDeviceGrain>(device).GetSnapshot()
                ?? throw new InvalidOperationException($"{device}: no snapshot after catching up with {entries} journal entries");
            if (snapshot.Accepted != entries)
            {
                throw new InvalidOperationException($"{device}: catching up with {entries} journal entries accepted {snapshot.Accepted} (duplicates {snapshot.Duplicates}, late readings {snapshot.LateReadings})");
            }
            return elapsed;
        }

        // JIT, the journal's and the history's connections and the district grain warm before anything is timed.
        await ActivateAsync($"activation-{run}-warmup", sizes.Min());
        var times = sizes.ToDictionary(n => n, _ => new List<double>());
        for (var r = 0; r < repeats; r++)
        {
            foreach (var n in sizes)
            {
                var elapsed = await ActivateAsync($"activation-{run}-{n}-{r}", n);
                times[n].Add(elapsed.TotalSeconds);
                Console.WriteLine(FormattableString.Invariant($"run {r + 1}: {n:N0} entries caught up in {elapsed.TotalMilliseconds:N0} ms ({n / elapsed.TotalSeconds:N0} entries/s)"));
            }
        }

        BenchReport.Write("Device activation with an unapplied journal tail", [
            .. sizes.Select(n => (
                FormattableString.Invariant($"{n:N0} entries ({n / 60.0:N0} hours of one-minute windows), first CatchUp() until it returns, median of {repeats} [min–max]"),
                FormattableString.Invariant($"{Median(times[n]) * 1000:N0} ms [{times[n].Min() * 1000:N0}–{times[n].Max() * 1000:N0}] = {n / Median(times[n]):N0} entries/s [{n / times[n].Max():N0}–{n / times[n].Min():N0}]"))),
        ], "Each device never reported; its N entries (3 readings each, one-minute windows ending two minutes ago, each "
           + "received a second after its window ended) were appended to the journal through the host's IRawJournal before "
           + "the grain was first called. The activation reads them by (device, position), parses and validates each payload "
           + "again, applies it, and writes each hour the tail closes (history points and the district share, one commit per "
           + "hour) before the call returns. GetSnapshot() confirmed Accepted = N every time.");
    }

    /// <summary>The <c>replay</c> verb on a stopped host's data: devices × reports entries over the last hours are
    /// journalled through a running host, the host stops, and the verb recomputes every hour they touch. Should the verb
    /// fail, the failure is printed and its engine (<see cref="RangeReplay"/>, wired as the verb wires it, without the
    /// progress bar) is timed instead, so the figure says which of the two it is.</summary>
    public static async Task ReplayAsync(Options o)
    {
        var devices = o.Int("devices", 500);
        var reports = o.Int("reports", 120);
        var repeats = o.Int("repeat", 3);
        var expected = (long)devices * reports;
        var last = LastMinute();
        var first = last.AddMinutes(-(reports - 1));
        string data;
        RegionCatalog catalog;
        GrainOptions grainOptions;
        var fill = Stopwatch.StartNew();
        await using (var host = await BenchHost.StartAsync(TimeSpan.FromSeconds(5)))
        {
            data = host.DataDirectory;
            catalog = host.App.Services.GetRequiredService<RegionCatalog>();
            grainOptions = host.App.Services.GetRequiredService<IOptions<GrainOptions>>().Value;
            var journal = host.App.Services.GetRequiredService<IRawJournal>();
            var districts = Districts(host);
            // In time order, every device's report of a minute before the next minute's, as a live fleet fills it.
            var appends = new List<ValueTask<JournalAppend>>(devices * reports);
            for (var m = 0; m < reports; m++)
            {
                for (var d = 0; d < devices; d++)
                {
                    appends.Add(journal.AppendAsync(Entry(districts[d % districts.Count], $"replay-{d:D5}", m, first.AddMinutes(m), d)));
                }
            }
            var added = 0;
            foreach (var append in appends) added += (await append).Added ? 1 : 0;
            if (added != expected) throw new InvalidOperationException($"journalled {added} of {expected} entries");
        }
        Console.WriteLine(FormattableString.Invariant($"journalled {expected:N0} entries through the host and stopped it in {fill.Elapsed.TotalSeconds:F1} s; data in {data}"));

        var from = new DateTimeOffset(first.Year, first.Month, first.Day, first.Hour, 0, 0, TimeSpan.Zero);
        var to = DateTimeOffset.UtcNow;
        string[] command = ["replay", "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture), "--data", data];
        var checkpointFile = Path.Combine(data, "replay.checkpoint");
        string? verbFailure = null;
        var rates = new List<double>();
        var wall = new List<double>();
        string? summary = null;
        for (var r = 0; r < repeats; r++)
        {
            // A failed run leaves its checkpoint behind, and a run on it would skip the devices it had done.
            File.Delete(checkpointFile);
            var clock = Stopwatch.StartNew();
            double rate;
            if (verbFailure is null)
            {
                using var output = new StringWriter(CultureInfo.InvariantCulture);
                using var error = new StringWriter(CultureInfo.InvariantCulture);
                int exit;
                try
                {
                    exit = await ReplayCommand.RunAsync(command, output, error);
                }
                catch (Exception ex)
                {
                    var frame = ex.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("CityBrain.", StringComparison.Ordinal));
                    verbFailure = $"{ex.GetType().Name} (\"{ex.Message}\") {frame}";
                    Console.WriteLine($"THE REPLAY VERB FAILED: {ex}");
                    Console.WriteLine("Timing its engine, RangeReplay.RunAsync, wired as the verb wires it, instead.");
                    r--;
                    continue;
                }
                if (exit != 0) throw new InvalidOperationException($"replay exited with {exit}: {error}");
                summary = output.ToString().Trim().Split('\n')[^1];
                var match = ReplayedLine().Match(summary);
                if (!match.Success) throw new InvalidOperationException($"replay printed no summary: {output}");
                var replayed = long.Parse(match.Groups["reports"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                if (replayed != expected) throw new InvalidOperationException($"replay replayed {replayed} reports, expected {expected}: {summary}");
                rate = double.Parse(match.Groups["rate"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }
            else
            {
                var result = await ReplayEngineAsync(data, catalog, grainOptions, new ReplayRange(from, to));
                if (result.Reports != expected) throw new InvalidOperationException($"RangeReplay replayed {result.Reports} reports, expected {expected}");
                summary = FormattableString.Invariant($"RangeReplay: {result.Reports:N0} reports of {result.Devices:N0} devices, {result.DeviceHours:N0} device hours, {result.DistrictHours:N0} district hours, {result.RegionHours:N0} city hours");
                rate = result.Reports / clock.Elapsed.TotalSeconds;
            }
            var elapsed = clock.Elapsed;
            rates.Add(rate);
            wall.Add(elapsed.TotalSeconds);
            Console.WriteLine(FormattableString.Invariant($"run {r + 1}: {summary} ({elapsed.TotalSeconds:F1} s in all, {rate:N0} reports/s)"));
        }
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is no reason to lose the figures.
        }

        var timed = verbFailure is null ? "the verb" : "RangeReplay.RunAsync";
        BenchReport.Write("Replay from the journal of a stopped host", [
            ("journal", FormattableString.Invariant($"{devices:N0} devices × {reports} reports = {expected:N0} entries, one-minute windows {first:HH:mm}–{last.AddMinutes(1):HH:mm} UTC, 3 readings each")),
            ("command (in process)", $"ReplayCommand.RunAsync([\"replay\", \"--from\", \"{from:O}\", \"--to\", NOW, \"--data\", DIR])"),
            ("the verb", verbFailure is null ? "ran" : $"FAILED, {verbFailure}; timed instead: RangeReplay.RunAsync, journal and history opened as the verb opens them"),
            // The first run is the one a real `replay` gets: a fresh process (cold JIT) on hours never written before.
            (FormattableString.Invariant($"first run ({timed}{(verbFailure is null ? ", host builder included" : "")}; cold code, rows inserted)"),
                FormattableString.Invariant($"{wall[0]:F1} s = {rates[0]:N0} reports/s")),
            (FormattableString.Invariant($"later runs (warm, the same rows replaced), median of {rates.Count - 1} [min–max]"), rates.Count < 2 ? "-"
                : FormattableString.Invariant($"{Median(wall[1..]):F1} s [{wall[1..].Min():F1}–{wall[1..].Max():F1}] = {Median(rates[1..]):N0} reports/s [{rates[1..].Min():N0}–{rates[1..].Max():N0}]")),
            ("last summary", summary ?? ""),
        ], "The same data replayed each time (its checkpoint removed before each run): the first run writes the device, "
           + "district and city hours the stopped host had not closed yet, with the replay code not yet compiled, as a real "
           + "replay runs; the later ones replace them with the same rows, warm.");
    }

    /// <summary>What <see cref="ReplayCommand"/> runs, opened on the same files with the same settings, reporting progress nowhere.</summary>
    private static async Task<ReplaySummary> ReplayEngineAsync(string data, RegionCatalog catalog, GrainOptions grainOptions, ReplayRange range)
    {
        var journal = new SqliteRawJournal(Microsoft.Extensions.Options.Options.Create(new RawJournalOptions { DatabasePath = Path.Combine(data, "journal.db") }),
            TimeProvider.System, NullLogger<SqliteRawJournal>.Instance);
        var history = new SqliteHistoryStore(Microsoft.Extensions.Options.Options.Create(new HistoryStoreOptions { DatabasePath = Path.Combine(data, "history.db") }),
            TimeProvider.System, NullLogger<SqliteHistoryStore>.Instance);
        var replay = new RangeReplay(journal, history, catalog, grainOptions);
        var checkpoint = ReplayCheckpoint.Open(Path.Combine(data, "replay.checkpoint"), range);
        return await replay.RunAsync(range, checkpoint, new Silent(), CancellationToken.None);
    }

    private sealed class Silent : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value)
        {
        }
    }

    /// <summary>Appends a device's tail in order: the calls queue in order on the journal's one writer, so the positions
    /// follow the windows, and are awaited together so that they share commits.</summary>
    private static async Task AppendTailAsync(IRawJournal journal, string district, string device, int entries, DateTimeOffset last)
    {
        var appends = new List<ValueTask<JournalAppend>>(entries);
        for (var i = 0; i < entries; i++) appends.Add(journal.AppendAsync(Entry(district, device, i, last.AddMinutes(i - entries + 1), i)));
        foreach (var append in appends)
        {
            if (!(await append).Added) throw new InvalidOperationException($"{device}: a journal entry was already present");
        }
    }

    /// <summary>A journal entry as live ingest writes it: the payload a gateway sends (built as the stages bench builds
    /// it), received a second after its one-minute window ended.</summary>
    private static JournalEntry Entry(string district, string device, long sequence, DateTimeOffset window, int variant)
    {
        var payload = LoadGenerator.Message(district, device, sequence, window,
            Reading.Of(Quantity.Pm2_5, 20 + variant % 50, Quality.Ok, "bench"),
            Reading.Of(Quantity.Noise, 55 + variant % 10, Quality.Ok, "bench"),
            Reading.Of(Quantity.Temperature, 15 + variant % 10, Quality.Ok, "bench")).Payload.ToArray();
        return new JournalEntry(device, sequence, district, window, window.AddSeconds(61), payload);
    }

    /// <summary>The start of the last whole minute window that ended at least a minute ago.</summary>
    private static DateTimeOffset LastMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-2);
    }

    private static IReadOnlyList<string> Districts(BenchHost host) =>
        host.App.Services.GetRequiredService<RegionCatalog>().Tree.Leaves.Select(d => d.Id).ToList();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"Replayed (?<reports>[\d,]+) reports of [\d,]+ devices in [\d.]+ s \((?<rate>[\d,]+) reports/s\)")]
    private static partial Regex ReplayedLine();
}
