using System.Diagnostics;
using System.Globalization;
using System.Text;
using CityBrain.Bench.Reporting;
using CityBrain.Grains;

namespace CityBrain.Bench.Silos;

/// <summary>Ingest at production cadence: every device reports once per interval (a minute in production), the devices
/// spread evenly over it, so the deployment gets a fixed offered rate rather than as much as it takes. At that cadence a
/// message carries more work than in the ingest mode's bursts: a device grain saves its state at most every
/// <see cref="GrainOptions.SavePeriod"/> and reports to its district at most every <see cref="GrainOptions.ReportPeriod"/>,
/// so with reports further apart than both, every report causes a grain-state write and a district call. Measured over
/// a steady window after a warm-up: the rate achieved against the one offered, PUBACK latency, and per message the CPU of
/// the hosts, of PostgreSQL and of Redis, PostgreSQL's commits, WAL bytes and rows written.</summary>
internal static class PacedBenchmark
{
    /// <summary>A deployment keeps up when it acknowledges at least this share of the offered rate ...</summary>
    private const double KeepsUpShare = 0.99;

    /// <summary>... with no failure and a PUBACK p99 within this.</summary>
    private const double KeepsUpP99Ms = 1000;

    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchOptions o)
    {
        var s = new Settings(o.Ints("silos", [3]), o.Flag("embedded", true), o.Int("devices", 30_000), TimeSpan.FromSeconds(o.Int("interval-s", 60)),
            o.Int("connections", 1_000), TimeSpan.FromMinutes(o.Double("minutes", 4)), TimeSpan.FromMinutes(o.Double("warmup-minutes", 2)));
        if (s.WarmUp < s.Interval)
        {
            throw new ArgumentException("--warmup-minutes must be at least one interval: the first interval activates every device grain");
        }
        var configurations = (s.Embedded ? [0] : Array.Empty<int>()).Concat(s.Silos).ToList();
        var clock = Stopwatch.StartNew();
        void Say(string text) => Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s: {text}");

        await using var servers = await SharedServers.StartAsync();
        Say($"Redis on {servers.Redis.Port}, PostgreSQL on {servers.Postgres.Port} (both durable); {s.Devices:N0} devices every {s.Interval.TotalSeconds:F0} s = {s.Devices / s.Interval.TotalSeconds:N0} msg/s offered");
        var runs = new List<PacedRun>();
        IReadOnlyList<GrainStateSize>? grainStates = null;
        IReadOnlyList<TableSize>? tables = null;
        foreach (var silos in configurations)
        {
            string[] quiet = ["--Logging:LogLevel:Default=Warning"];
            await using var deployment = silos == 0
                ? await Deployment.EmbeddedAsync(quiet)
                : await Deployment.ClusterAsync(servers, silos, quiet);
            Say($"{deployment.Name} up; {s.WarmUp.TotalMinutes:F1} min warm-up, then {s.Measured.TotalMinutes:F1} min measured");
            var load = new SpreadLoad(deployment.MqttPorts, await deployment.DistrictsAsync(), s.Devices, s.Connections);
            Snapshot? before = null, after = null;
            var outcome = await load.RunPacedAsync(s.Interval, s.WarmUp, s.Measured, Drain,
                async () =>
                {
                    before = await Snapshot.TakeAsync(deployment, servers);
                    Say($"window opens: {load.Acknowledged:N0} acknowledged, {load.Failed:N0} failed so far");
                },
                async () => after = await Snapshot.TakeAsync(deployment, servers));
            var run = PacedRun.From(deployment, silos, outcome, before!, after!);
            runs.Add(run);
            Say(run.Line());
            if (deployment.IsCluster && silos == s.Silos.Max())
            {
                grainStates = await PostgresStats.GrainStateSizesAsync(deployment.Database!);
                tables = await PostgresStats.TablesAsync(deployment.Database!);
            }
            if (run.KeepsUp) deployment.Succeeded();
            else Say($"host logs kept: {string.Join(", ", deployment.Hosts.Select(h => h.LogPath))}");
        }
        Report(s, runs, grainStates, tables, clock.Elapsed);
    }

    private static void Report(Settings s, List<PacedRun> runs, IReadOnlyList<GrainStateSize>? grainStates, IReadOnlyList<TableSize>? tables, TimeSpan took)
    {
        var cores = Environment.ProcessorCount;
        var timing = new GrainOptions();
        var figures = new List<(string, string)>
        {
            ("load, the same for every deployment", FormattableString.Invariant(
                $"{s.Devices:N0} devices, each one report of 3 readings every {s.Interval.TotalSeconds:F0} s, spread evenly over the interval (device d at d/{s.Devices:N0} of it) = {s.Devices / s.Interval.TotalSeconds:N0} msg/s offered whatever the acknowledgements do; {s.Connections:N0} MQTT connections (a device always on the same one) dealt round-robin over the deployment's brokers; {s.WarmUp.TotalMinutes:F1} min of warm-up (the first interval activates every device grain), then {s.Measured.TotalMinutes:F1} min measured; production grain timing (state saved at most every {timing.SavePeriod.TotalSeconds:F0} s, district told at most every {timing.ReportPeriod.TotalSeconds:F0} s, so every report of a device causes a grain-state write and a district call)")),
        };
        foreach (var r in runs)
        {
            figures.Add(($"{r.Deployment}: rate and latency", FormattableString.Invariant(
                $"{r.Achieved:N0} msg/s acknowledged of {r.Offered:N0} offered ({r.Achieved / r.Offered * 100:F1} %), of the {r.Due:N0} publishes due in the window {r.Failed:N0} failed and {r.Unanswered:N0} were never answered (60 s drain); PUBACK of those acknowledged p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms, max {r.MaxMs:F0} ms (load generator's send lag p99 {r.LagP99Ms:F1} ms) — {(r.KeepsUp ? "keeps up" : "SATURATED")}")));
            var cpu = FormattableString.Invariant($"hosts {r.HostsMicros:F0} µs/msg (= {1e6 / r.HostsMicros:N0} msg per host CPU-second; {r.HostsMicros * r.Achieved / 1e6:F2} cores at this rate)");
            if (r.Silos > 0) cpu += FormattableString.Invariant($", PostgreSQL {r.PostgresMicros:F0} µs/msg ({r.PostgresMicros * r.Achieved / 1e6:F2} cores), Redis {r.RedisMicros:F1} µs/msg");
            figures.Add(($"{r.Deployment}: CPU per message", cpu + FormattableString.Invariant(
                $", load generator {r.BenchMicros:F0} µs/msg; machine busy {r.MachineBusy * 100:F0} %, of which these processes {r.Accounted * 100:F0} %; load average {r.LoadBefore} → {r.LoadAfter}")));
            if (r.Silos > 0)
            {
                figures.Add(($"{r.Deployment}: PostgreSQL per message", FormattableString.Invariant(
                    $"{r.CommitsPerMessage:F2} commits (write transactions), {r.WalBytesPerMessage:N0} WAL bytes; grain_state writes {r.GrainStateWritesPerMessage:F3} ({r.GrainStateBreakdown}); rows inserted or updated: raw_journal {r.JournalRowsPerMessage:F3}, history {r.HistoryRowsPerMessage:F3}, hour_shares {r.HourShareRowsPerMessage:F3}; {r.PostgresConnections} client connections open")));
            }
            figures.Add(($"{r.Deployment}: resident memory per host at the window's end", string.Join(", ", r.HostsResidentMegabytes.Select(m => m.ToString("N0", CultureInfo.InvariantCulture))) + " MB"));
        }
        if (grainStates is not null)
        {
            figures.Add(("grain_state at the end (largest cluster's database)", string.Join("; ", grainStates.Select(g => FormattableString.Invariant(
                $"{g.StateName} {g.Rows:N0} rows, mean {g.MeanBytes:N0} B, largest {g.MaxBytes:N0} B")))));
        }
        if (tables is not null)
        {
            figures.Add(("tables then (table + TOAST + indexes)", string.Join("; ", tables.Select(t => FormattableString.Invariant($"{t.Table} {t.Rows:N0} rows, {t.TotalBytes / 1024.0 / 1024:F1} MB")))));
        }
        var table = new StringBuilder();
        table.AppendLine("| deployment | window (UTC) | offered msg/s | acknowledged msg/s | of the window's publishes: failed / never answered | PUBACK p50 / p99 / max ms | hosts µs/msg | PostgreSQL µs/msg | Redis µs/msg | load generator µs/msg | machine busy (these processes' share) | commits/msg | WAL B/msg | grain_state writes/msg | RSS per host MB | load avg before / after |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
        {
            string Pg(double value, string format) => r.Silos > 0 ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
            table.AppendLine(FormattableString.Invariant(
                $"| {r.Deployment} | {r.WindowStart:HH:mm:ss}–{r.WindowEnd:HH:mm:ss} | {r.Offered:N0} | {r.Achieved:N0} | {r.Failed:N0} / {r.Unanswered:N0} | {r.P50Ms:F1} / {r.P99Ms:F1} / {r.MaxMs:F0} | {r.HostsMicros:F0} | {Pg(r.PostgresMicros, "F0")} | {Pg(r.RedisMicros, "F1")} | {r.BenchMicros:F0} | {r.MachineBusy * 100:F0} % ({r.Accounted * 100:F0} %) | {Pg(r.CommitsPerMessage, "F2")} | {Pg(r.WalBytesPerMessage, "N0")} | {Pg(r.GrainStateWritesPerMessage, "F3")} | {string.Join(", ", r.HostsResidentMegabytes.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} | {r.LoadBefore} / {r.LoadAfter} |"));
        }
        var names = string.Join(", ", runs.Select(r => r.Deployment));
        BenchReport.Write($"Paced ingest at production cadence: {s.Devices:N0} devices every {s.Interval.TotalSeconds:F0} s ({names})", figures,
            "Every host is a separate process (`dotnet CityBrain.Host.dll`, Release) started by the bench, one deployment after the other: "
            + "embedded mode keeps its journal, grain state and history in SQLite files; cluster mode shares one private PostgreSQL "
            + "(fsync=on, synchronous_commit=on) and one private Redis for membership (appendonly, appendfsync always), both started by the "
            + $"bench on the same disk. All of them and the load generator share this machine's {cores} cores. The load generator sends each "
            + "publish at its time without waiting for earlier acknowledgements; the rate counts the PUBACKs received in the window, the "
            + "latency is from handing a publish to the client to its PUBACK, over the publishes due in the window that were acknowledged "
            + "(by the end of a 60 s drain after it; the send lag is how late the generator was). Per-message figures divide the window's costs by the messages acknowledged in it. CPU is read from /proc "
            + "(hosts; PostgreSQL's postmaster, its backends and the ones that exited) and from Redis's INFO, and set against the machine's busy "
            + "time from /proc/stat (other work shows as a share below 100 %). Commits are write transactions counted by transaction id, WAL "
            + "bytes by the WAL position, grain_state writes exactly by the rows' versions (state names in brackets), other rows by "
            + "pg_stat_user_tables (reported by the backends up to seconds late). A device closes each clock hour a few minutes after it "
            + "ends (history and hour_shares rows): once an hour per device, so a window that holds such a close carries a burst that is "
            + FormattableString.Invariant($"1/{3600 / s.Interval.TotalSeconds:F0} of a device's messages in production. ")
            + FormattableString.Invariant($"A deployment keeps up when it acknowledges at least {KeepsUpShare * 100:F0} % of the offered rate with no failure and a PUBACK p99 within {KeepsUpP99Ms:F0} ms; otherwise it is saturated and its per-message costs are those of an overloaded system. ")
            + $"The run took {took.TotalMinutes:F1} min.{Environment.NewLine}{Environment.NewLine}{table.ToString().TrimEnd()}");
    }

    private sealed record Settings(IReadOnlyList<int> Silos, bool Embedded, int Devices, TimeSpan Interval, int Connections, TimeSpan Measured, TimeSpan WarmUp);

    /// <summary>The counters at one edge of the measured window.</summary>
    private sealed record Snapshot(Costs Costs, RowWrites Writes, string LoadAverage, DateTimeOffset At, IReadOnlyList<double> HostsResidentMegabytes)
    {
        public static async Task<Snapshot> TakeAsync(Deployment deployment, SharedServers servers)
        {
            var at = DateTimeOffset.UtcNow;
            var costs = await Costs.ReadAsync(deployment, servers);
            var writes = deployment.IsCluster ? await PostgresStats.RowWritesAsync(deployment.Database!) : RowWrites.None;
            return new Snapshot(costs, writes, ProcStat.LoadAverage(), at, deployment.HostsResidentMegabytes());
        }
    }

    private sealed record PacedRun(string Deployment, int Silos, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, double Offered, double Achieved,
        long Due, long Failed, long Unanswered, double P50Ms, double P99Ms, double MaxMs, double LagP99Ms,
        double HostsMicros, double PostgresMicros, double RedisMicros, double BenchMicros, double MachineBusy, double Accounted,
        double CommitsPerMessage, double WalBytesPerMessage, double GrainStateWritesPerMessage, string GrainStateBreakdown,
        double JournalRowsPerMessage, double HistoryRowsPerMessage, double HourShareRowsPerMessage, long PostgresConnections,
        string LoadBefore, string LoadAfter, IReadOnlyList<double> HostsResidentMegabytes)
    {
        public bool KeepsUp => Achieved >= KeepsUpShare * Offered && Failed == 0 && Unanswered == 0 && P99Ms <= KeepsUpP99Ms;

        public static PacedRun From(Deployment deployment, int silos, PacedOutcome o, Snapshot before, Snapshot after)
        {
            var (b, a) = (before.Costs, after.Costs);
            double messages = Math.Max(1, o.Acknowledged);
            double Micros(TimeSpan x, TimeSpan y) => (x - y).TotalMicroseconds / messages;
            double Rows(string table) => (after.Writes.Table(table) - before.Writes.Table(table)) / messages;
            var breakdown = string.Join(", ", after.Writes.GrainStates.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => FormattableString.Invariant($"{kv.Key} {(kv.Value - before.Writes.GrainStates.GetValueOrDefault(kv.Key)) / messages:F3}")));
            return new PacedRun(deployment.Name, silos, before.At, after.At, o.OfferedRate, o.AchievedRate, o.Offered, o.DueFailed, o.DueUnanswered,
                Stats.Percentile(o.PubackMs, 50), Stats.Percentile(o.PubackMs, 99), Stats.Percentile(o.PubackMs, 100), Stats.Percentile(o.SendLagMs, 99),
                Micros(a.Hosts, b.Hosts), Micros(a.Postgres, b.Postgres), Micros(a.Redis, b.Redis), Micros(a.Bench, b.Bench),
                a.MachineBusySince(b), a.AccountedSince(b), a.CommitsSince(b) / messages, (a.WalBytes - b.WalBytes) / messages,
                (after.Writes.GrainStateTotal - before.Writes.GrainStateTotal) / messages, breakdown,
                Rows("raw_journal"), Rows("history"), Rows("hour_shares"), a.PostgresConnections, before.LoadAverage, after.LoadAverage,
                after.HostsResidentMegabytes);
        }

        public string Line() => FormattableString.Invariant(
            $"{Deployment}: {Achieved:N0} of {Offered:N0} msg/s, of the window's {Due:N0} publishes {Failed:N0} failed and {Unanswered:N0} never answered, PUBACK p50 {P50Ms:F1} / p99 {P99Ms:F1} ms ({(KeepsUp ? "keeps up" : "SATURATED")}); hosts {HostsMicros:F0} µs/msg, PostgreSQL {PostgresMicros:F0}, Redis {RedisMicros:F1}, load generator {BenchMicros:F0}; machine busy {MachineBusy * 100:F0} % ({Accounted * 100:F0} % these processes); {CommitsPerMessage:F2} commits/msg, {WalBytesPerMessage:N0} WAL B/msg, grain_state {GrainStateWritesPerMessage:F3}/msg ({GrainStateBreakdown}); RSS {string.Join(", ", HostsResidentMegabytes.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} MB; load {LoadBefore} -> {LoadAfter}");
    }
}
