using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Storage.Journal;
using CityBrain.Storage.Postgres;
using CityBrain.Storage.Postgres.Journal;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Bench.Cluster;

/// <summary>The raw journal alone, as a node's ingest drives it: many concurrent appenders, each waiting for its entry's
/// durable commit. The same load goes to the SQLite journal of a one-machine host and to the PostgreSQL journal of a
/// cluster, so the cost of sharing the journal between nodes shows.</summary>
internal static class JournalBenchmarks
{
    public static async Task JournalAsync(Options o)
    {
        var entries = o.Int("entries", 60_000);
        var appenders = o.Int("appenders", 256);
        var devices = o.Int("devices", 3_000);
        var warmUp = o.Int("warmup", 10_000);
        var repeats = o.Int("repeat", 3);
        var payload = LoadGenerator.Message("haidian", "journal-bench", 0, DateTimeOffset.UtcNow.AddMinutes(-1),
            Reading.Of(Quantity.Pm2_5, 20, Quality.Ok, "bench"), Reading.Of(Quantity.Noise, 55, Quality.Ok, "bench"),
            Reading.Of(Quantity.Temperature, 15, Quality.Ok, "bench")).Payload.ToArray();
        var load = new Load(entries, appenders, devices, payload);

        var folder = Directory.CreateTempSubdirectory("citybrain-bench-journal-").FullName;
        using var sqlite = new SqliteRawJournal(Microsoft.Extensions.Options.Options.Create(new RawJournalOptions { DatabasePath = Path.Combine(folder, "journal.db") }),
            TimeProvider.System, NullLogger<SqliteRawJournal>.Instance);
        await using var server = await PostgresServer.StartNewAsync(durable: true);
        await using var database = new PostgresDatabase(
            Microsoft.Extensions.Options.Options.Create(new PostgresStoreOptions { ConnectionString = server.ConnectionString }), NullLoggerFactory.Instance);
        using var postgres = new PostgresRawJournal(database, Microsoft.Extensions.Options.Options.Create(new RawJournalOptions()),
            TimeProvider.System, NullLogger<PostgresRawJournal>.Instance);
        // SQLite runs in this process; PostgreSQL's server is measured apart.
        (string Name, BackgroundService Journal, Func<TimeSpan>? ServerCpu)[] journals =
        [
            ("SQLite (synchronous=FULL)", sqlite, null),
            ("PostgreSQL (fsync=on, synchronous_commit=on)", postgres, () => ProcessTreeCpu(server.ProcessId!.Value)),
        ];
        var runs = journals.ToDictionary(j => j.Name, _ => new List<Run>());
        var loadBefore = Benchmarks.LoadAverage();
        foreach (var (name, journal, _) in journals)
        {
            await journal.StartAsync(CancellationToken.None);
            await load.RunAsync((IRawJournal)journal, $"warm-{name[..6]}", warmUp);
        }
        // Alternating, so a neighbour's load on the shared machine falls on both alike.
        for (var r = 0; r < repeats; r++)
        {
            foreach (var (name, journal, serverCpu) in journals)
            {
                var run = await load.MeasureAsync((IRawJournal)journal, $"run{r}-{name[..6]}", serverCpu);
                runs[name].Add(run);
                Console.WriteLine(FormattableString.Invariant($"run {r + 1} {name}: {run.Rate:N0} entries/s, {run.ClientCpu.TotalMicroseconds / entries:F0} µs/entry here, {run.ServerCpu.TotalMicroseconds / entries:F0} µs/entry in a server"));
            }
        }
        foreach (var (_, journal, _) in journals) await journal.StopAsync(CancellationToken.None);
        Directory.Delete(folder, recursive: true);

        BenchReport.Write("Raw journal: committed appends, SQLite vs PostgreSQL", [
            ("entries per run / concurrent appenders / devices", FormattableString.Invariant($"{entries:N0} / {appenders} / {devices:N0} (after a warm-up of {warmUp:N0})")),
            .. journals.Select(j => (
                $"{j.Name}, median of {repeats} [min–max]",
                FormattableString.Invariant($"{Median(runs[j.Name].Select(r => r.Rate)):N0} entries/s [{runs[j.Name].Min(r => r.Rate):N0}–{runs[j.Name].Max(r => r.Rate):N0}]"))),
            .. journals.Select(j => (
                $"{j.Name}, CPU per entry, median: this process{(j.ServerCpu is null ? "" : " / the database server")}",
                FormattableString.Invariant($"{Median(runs[j.Name].Select(r => r.ClientCpu.TotalMicroseconds / entries)):F0} µs")
                    + (j.ServerCpu is null ? "" : FormattableString.Invariant($" / {Median(runs[j.Name].Select(r => r.ServerCpu.TotalMicroseconds / entries)):F0} µs")))),
            ("PostgreSQL / SQLite (medians)", FormattableString.Invariant($"{Median(runs[journals[1].Name].Select(r => r.Rate)) / Median(runs[journals[0].Name].Select(r => r.Rate)):F2}")),
            ("machine load average (1 min) before / after the measured runs", $"{loadBefore} / {Benchmarks.LoadAverage()}"),
        ], "Each append waits until its group's commit is durable (what lets the cluster send the PUBACK); both journals commit "
           + "what has queued up as one group of at most 2,000. Payloads are real telemetry messages of 3 readings. SQLite is "
           + "the host's own file; PostgreSQL is a private server on loopback, on the same disk, started by the bench "
           + "(PostgresServer), sharing the two cores with the bench; its CPU (postmaster and backends) is counted apart.");
    }

    /// <summary>User and system CPU of a process and its children (PostgreSQL's backends), from /proc.</summary>
    private static TimeSpan ProcessTreeCpu(int root)
    {
        const double ticksPerSecond = 100; // USER_HZ, fixed at 100 on Linux
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            // The command name in parentheses may hold spaces; the fields after it are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid != root && parent != root) continue;
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(ticks / ticksPerSecond);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Run(double Rate, TimeSpan ClientCpu, TimeSpan ServerCpu);

    private sealed record Load(int Entries, int Appenders, int Devices, byte[] Payload)
    {
        public async Task<Run> MeasureAsync(IRawJournal journal, string prefix, Func<TimeSpan>? serverCpu)
        {
            var client = Process.GetCurrentProcess().TotalProcessorTime;
            var server = serverCpu?.Invoke() ?? TimeSpan.Zero;
            var clock = Stopwatch.StartNew();
            await RunAsync(journal, prefix, Entries);
            var elapsed = clock.Elapsed;
            return new Run(Entries / elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime - client, (serverCpu?.Invoke() ?? TimeSpan.Zero) - server);
        }

        public Task RunAsync(IRawJournal journal, string prefix, int entries)
        {
            var now = DateTimeOffset.UtcNow;
            return Parallel.ForAsync(0, entries, new ParallelOptions { MaxDegreeOfParallelism = Appenders }, async (i, _) =>
            {
                var appended = await journal.AppendAsync(new JournalEntry($"{prefix}-{i % Devices}", i / Devices, "haidian", now, now, Payload));
                if (!appended.Added) throw new InvalidOperationException($"entry {i} of {prefix} was not added: every entry of a run is new");
            });
        }
    }
}
