using System.Diagnostics;
using System.Globalization;
using System.Text;
using CityBrain.Bench.Reporting;

namespace CityBrain.Bench.Silos;

/// <summary>Ingest throughput (publish to PUBACK, which waits for the device grain and the journal's durable commit) of
/// the embedded host and of clusters of 1, 2, 3 ... silos, each host a separate process, under the same load spread
/// over their brokers; and what it cost: CPU of the hosts, of PostgreSQL and of Redis per message, read from /proc and
/// the servers themselves.</summary>
internal static class IngestBenchmark
{
    public static async Task RunAsync(BenchOptions o)
    {
        var siloCounts = o.Ints("silos", [1, 2, 3]);
        var embedded = o.Flag("embedded", true);
        var rounds = o.Int("rounds", 3);
        var messages = o.Int("messages", 40_000);
        var warmUp = o.Int("warmup", 20_000);
        var devices = o.Int("devices", 3_000);
        var connections = o.Int("connections", 1_000);
        var inFlight = o.Int("inflight", 2);
        // Embedded first, then the clusters by size; each round starts the next configuration where the last one began,
        // so that no configuration always runs first or last on a machine whose speed drifts.
        var configurations = (embedded ? [0] : Array.Empty<int>()).Concat(siloCounts).ToList();
        var clock = Stopwatch.StartNew();

        await using var servers = await SharedServers.StartAsync();
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s: Redis on {servers.Redis.Port}, PostgreSQL on {servers.Postgres.Port} (both durable)");
        var runs = new List<IngestRun>();
        IReadOnlyList<TableSize>? tables = null;
        double journalPayload = 0;
        for (var round = 1; round <= rounds; round++)
        {
            for (var k = 0; k < configurations.Count; k++)
            {
                var silos = configurations[(k + round - 1) % configurations.Count];
                string[] quiet = ["--Logging:LogLevel:Default=Warning"];
                await using var deployment = silos == 0
                    ? await Deployment.EmbeddedAsync(quiet)
                    : await Deployment.ClusterAsync(servers, silos, quiet);
                Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s: round {round}, {deployment.Name} up");
                var load = new SpreadLoad(deployment.MqttPorts, await deployment.DistrictsAsync(), devices, connections, inFlight);
                // Every device reports once (its grain activates), then the same load warms both sides' code.
                await load.RunAsync(devices + warmUp);
                var failedBefore = load.Failed;
                var before = await Costs.ReadAsync(deployment, servers);
                var loadBefore = ProcStat.LoadAverage();
                var elapsed = await load.RunAsync(messages);
                var after = await Costs.ReadAsync(deployment, servers);
                var run = IngestRun.From(deployment, silos, round, messages, elapsed, load.Failed - failedBefore, before, after,
                    loadBefore, ProcStat.LoadAverage(), deployment.HostsResidentMegabytes());
                runs.Add(run);
                Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s: {run.Line()}");
                if (deployment.IsCluster && silos == siloCounts.Max())
                {
                    tables = await PostgresStats.TablesAsync(deployment.Database!);
                    journalPayload = await PostgresStats.MeanJournalPayloadAsync(deployment.Database!);
                }
                if (run.Failed == 0) deployment.Succeeded();
            }
        }
        Report(runs, tables, journalPayload, siloCounts, embedded, rounds, messages, warmUp, devices, connections, inFlight, clock.Elapsed);
    }

    private static void Report(List<IngestRun> runs, IReadOnlyList<TableSize>? tables, double journalPayload, IReadOnlyList<int> siloCounts, bool withEmbedded,
        int rounds, int messages, int warmUp,
        int devices, int connections, int inFlight, TimeSpan took)
    {
        var cores = Environment.ProcessorCount;
        var embedded = runs.Where(r => r.Silos == 0).Select(r => r.Rate).ToList();
        var figures = new List<(string, string)>
        {
            ("load, the same for every deployment", $"{devices:N0} devices on {connections:N0} MQTT connections (a device always on the same one), {inFlight} publishes in flight per connection, connections dealt round-robin over the deployment's brokers; {messages:N0} messages measured after {devices + warmUp:N0} of warm-up, {rounds} rounds, each deployment started afresh every round"),
        };
        foreach (var group in runs.GroupBy(r => r.Silos).OrderBy(g => g.Key))
        {
            var g = group.ToList();
            var name = g[0].Deployment;
            // How often each device reported decides how much grain work a message carries: a device grain reports to its
            // district at most every 5 s and saves its state at most every 30 s, so rarer reports cost more each.
            figures.Add(($"{name}: ingest, median [min–max] of {g.Count}", $"{Stats.Spread(g.Select(r => r.Rate), "N0")} msg/s = {Stats.Median(g.Select(r => r.Rate)) / cores:N0} msg/s per core of this {cores}-core machine; a device reported every {devices / Stats.Median(g.Select(r => r.Rate)):F1} s"));
            var cpu = $"hosts {Stats.Spread(g.Select(r => r.HostsMicros), "F0")} µs/msg (= {1e6 / Stats.Median(g.Select(r => r.HostsMicros)):N0} msg per host CPU-second)";
            if (group.Key > 0)
            {
                cpu += $", PostgreSQL {Stats.Spread(g.Select(r => r.PostgresMicros), "F0")} µs/msg, Redis {Stats.Spread(g.Select(r => r.RedisMicros), "F1")} µs/msg";
            }
            figures.Add(($"{name}: CPU per message", cpu + $", load generator {Stats.Median(g.Select(r => r.BenchMicros)):F0} µs/msg; machine busy {Stats.Spread(g.Select(r => r.MachineBusy * 100), "F0")} %, of which these processes {Stats.Spread(g.Select(r => r.Accounted * 100), "F0")} %"));
            if (group.Key > 0)
            {
                figures.Add(($"{name}: PostgreSQL per message", $"{Stats.Median(g.Select(r => r.CommitsPerMessage)):F3} commits (write transactions), {Stats.Median(g.Select(r => r.WalBytesPerMessage)):N0} WAL bytes; {Stats.Median(g.Select(r => (double)r.PostgresConnections)):F0} client connections open after the run; Redis {Stats.Median(g.Select(r => r.RedisCommandsPerSecond)):F1} commands/s"));
            }
            if (embedded.Count > 0 && group.Key > 0)
            {
                figures.Add(($"{name}: ratio to embedded (medians)", $"{Stats.Median(g.Select(r => r.Rate)) / Stats.Median(embedded):F2}"));
            }
            figures.Add(($"{name}: resident memory per host after the run", $"{Stats.Median(g.SelectMany(r => r.HostsResidentMegabytes)):N0} MB"));
        }
        if (tables is not null)
        {
            var journal = tables.First(t => t.Table == "raw_journal");
            figures.Add(("journal on disk (largest cluster's database, table + TOAST + indexes)", FormattableString.Invariant(
                $"{journal.Rows:N0} rows, {journal.TotalBytes / (double)journal.Rows:F0} bytes/row ({journal.HeapBytes / (double)journal.Rows:F0} heap, {journal.IndexBytes / (double)journal.Rows:F0} indexes), payload {journalPayload:F0} bytes/row")));
            figures.Add(("other tables then", string.Join("; ", tables.Where(t => t.Table != "raw_journal")
                .Select(t => FormattableString.Invariant($"{t.Table} {t.Rows:N0} rows, {t.TotalBytes / 1024.0 / 1024:F1} MB")))));
        }
        var table = new StringBuilder();
        table.AppendLine("| round | deployment | msg/s | failed | hosts µs/msg | PostgreSQL µs/msg | Redis µs/msg | load generator µs/msg | machine busy (these processes' share) | commits/msg | WAL B/msg | load avg before / after |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
        {
            table.AppendLine(FormattableString.Invariant(
                $"| {r.Round} | {r.Deployment} | {r.Rate:N0} | {r.Failed} | {r.HostsMicros:F0} | {(r.Silos > 0 ? r.PostgresMicros.ToString("F0", CultureInfo.InvariantCulture) : "–")} | {(r.Silos > 0 ? r.RedisMicros.ToString("F1", CultureInfo.InvariantCulture) : "–")} | {r.BenchMicros:F0} | {r.MachineBusy * 100:F0} % ({r.Accounted * 100:F0} %) | {(r.Silos > 0 ? r.CommitsPerMessage.ToString("F3", CultureInfo.InvariantCulture) : "–")} | {(r.Silos > 0 ? r.WalBytesPerMessage.ToString("N0", CultureInfo.InvariantCulture) : "–")} | {r.LoadBefore} / {r.LoadAfter} |"));
        }
        var title = $"Ingest with {string.Join(", ", siloCounts)} silo{(siloCounts.Count == 1 && siloCounts[0] == 1 ? "" : "s")}{(withEmbedded ? " and embedded" : "")}";
        BenchReport.Write(title, figures,
            $"Every host is a separate process (`dotnet CityBrain.Host.dll`, Release) started by the bench: embedded mode keeps its journal, "
            + "grain state and history in SQLite files; cluster mode shares one private PostgreSQL (fsync=on, synchronous_commit=on) and one "
            + "private Redis for membership (appendonly, appendfsync always), both started by the bench on the same disk. "
            + $"All of them, and the load generator, share this machine's {cores} cores: the rates are what {cores} cores give to everything "
            + "at once, and adding silos on one machine adds no cores. CPU is read from /proc (hosts; PostgreSQL's postmaster, its backends "
            + "and the ones that exited) and from Redis's INFO, and set against the machine's busy time from /proc/stat (what other work "
            + "there was shows as a share below 100 %); commits are write transactions counted by transaction id, WAL bytes by the "
            + $"WAL position. Grain timing is production's (state saved every 30 s). The run took {took.TotalMinutes:F1} min.{Environment.NewLine}{Environment.NewLine}{table.ToString().TrimEnd()}");
    }

    private sealed record IngestRun(string Deployment, int Silos, int Round, double Rate, long Failed, double HostsMicros, double PostgresMicros,
        double RedisMicros, double BenchMicros, double MachineBusy, double Accounted, double CommitsPerMessage, double WalBytesPerMessage, double RedisCommandsPerSecond,
        long PostgresConnections, string LoadBefore, string LoadAfter, IReadOnlyList<double> HostsResidentMegabytes)
    {
        public static IngestRun From(Deployment deployment, int silos, int round, int messages, TimeSpan elapsed, long failed, Costs before, Costs after,
            string loadBefore, string loadAfter, IReadOnlyList<double> resident)
        {
            double Micros(TimeSpan a, TimeSpan b) => (a - b).TotalMicroseconds / messages;
            return new IngestRun(deployment.Name, silos, round, messages / elapsed.TotalSeconds, failed,
                Micros(after.Hosts, before.Hosts), Micros(after.Postgres, before.Postgres), Micros(after.Redis, before.Redis), Micros(after.Bench, before.Bench),
                after.MachineBusySince(before), after.AccountedSince(before), after.CommitsSince(before) / (double)messages, (after.WalBytes - before.WalBytes) / (double)messages,
                (after.RedisCommands - before.RedisCommands) / elapsed.TotalSeconds, after.PostgresConnections, loadBefore, loadAfter, resident);
        }

        public string Line() => FormattableString.Invariant(
            $"{Deployment}: {Rate:N0} msg/s, {Failed} failed; hosts {HostsMicros:F0} µs/msg, PostgreSQL {PostgresMicros:F0}, Redis {RedisMicros:F1}, load generator {BenchMicros:F0}; machine busy {MachineBusy * 100:F0} % ({Accounted * 100:F0} % these processes); {CommitsPerMessage:F3} commits/msg, {WalBytesPerMessage:N0} WAL B/msg; load {LoadBefore} -> {LoadAfter}");
    }
}
