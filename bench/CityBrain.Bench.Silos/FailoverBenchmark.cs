using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Security;
using CityBrain.Edge.Link;
using CityBrain.Testing;

namespace CityBrain.Bench.Silos;

/// <summary>A silo killed with SIGKILL under a fleet of gateways spread over every silo's broker: how long until each
/// gateway that was on it has a report acknowledged again (by a survivor), how long until the cluster declared it
/// dead, and whether every acknowledged report was counted exactly once.</summary>
internal static class FailoverBenchmark
{
    /// <summary>As the cluster tests set Orleans: a dead silo is declared within seconds rather than about half a minute.</summary>
    private static readonly string[] FastMembership =
    [
        "--Orleans:Membership:ProbeTimeout=00:00:01", "--Orleans:Membership:NumMissedProbesLimit=2",
        "--Orleans:Membership:NumVotesForDeathDeclaration=1", "--Orleans:Membership:TableRefreshTimeout=00:00:02",
    ];

    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(BenchOptions o)
    {
        var settings = new Settings(
            o.Int("silos", 3), o.Int("gateways", 300), TimeSpan.FromSeconds(o.Int("interval-s", 1)), o.Int("repeat", 3),
            o.Text("membership", "fast") switch
            {
                "fast" => "fast",
                "orleans" => "orleans",
                var other => throw new ArgumentException($"--membership takes fast or orleans, not '{other}'"),
            },
            TimeSpan.FromSeconds(o.Int("steady-s", 20)), TimeSpan.FromSeconds(o.Int("after-s", 5)), TimeSpan.FromSeconds(o.Int("timeout-s", 120)),
            o.Flag("keep-logs", false));
        if (settings.Silos < 2) throw new ArgumentException("--silos must be at least 2: one is killed");
        var clock = Stopwatch.StartNew();
        await using var servers = await SharedServers.StartAsync();
        var results = new List<Outcome>();
        for (var r = 1; r <= settings.Repeat; r++)
        {
            results.Add(await OnceAsync(servers, settings, r, clock));
        }
        Report(settings, results, clock.Elapsed);
    }

    private static async Task<Outcome> OnceAsync(SharedServers servers, Settings s, int repetition, Stopwatch clock)
    {
        void Say(string text) => Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s: {text}");
        await using var deployment = await Deployment.ClusterAsync(servers, s.Silos, s.Membership == "fast" ? FastMembership : []);
        Say($"repetition {repetition}: {deployment.Name} up (MQTT {string.Join(", ", deployment.MqttPorts)})");
        var districts = await deployment.DistrictsAsync();
        var brokers = deployment.MqttPorts.Select(p => new BrokerAddress("127.0.0.1", p)).ToList();
        // Memory-backed, as the fleet simulator keeps its outboxes: a gateway's own disk is not what is measured.
        var outboxes = Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(Path.Combine("/dev/shm", $"citybrain-bench-failover-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("citybrain-bench-failover-").FullName;
        var fleet = new List<FleetGateway>();
        try
        {
            var random = new Random(repetition);
            for (var i = 0; i < s.Gateways; i++)
            {
                var id = $"failover-{i:D5}";
                fleet.Add(FleetGateway.Start(id, districts[i % districts.Count], brokers, DerivedPassword.For(HostProcess.FleetSecret, id), outboxes,
                    s.Interval, s.Interval * random.NextDouble()));
            }
            await UntilAsync(() => fleet.All(g => g.Publisher.Link.IsConnected && g.Publisher.Pump.Delivered > 0), TimeSpan.FromSeconds(90),
                "every gateway connected with a report acknowledged", deployment);
            Say($"{fleet.Count} gateways connected, each with a report acknowledged: {Spread(fleet, deployment)}");
            await Task.Delay(s.Steady);

            var victim = deployment.Hosts.MaxBy(h => fleet.Count(g => g.Publisher.Link.Broker.Port == h.MqttPort))!;
            var watches = fleet.Select(g => new Watch(g, g.Publisher.Link.Broker.Port == victim.MqttPort, g.Publisher.Pump.Delivered)).ToList();
            var killedAt = DateTimeOffset.UtcNow;
            var killed = Stopwatch.GetTimestamp();
            await victim.KillAsync();
            Say($"killed the silo on MQTT {victim.MqttPort} (silo port {victim.SiloPort}) with {watches.Count(w => w.OnVictim)} gateways on it");

            while (watches.Any(w => w.AckedMs is null) && Stopwatch.GetElapsedTime(killed) < s.Timeout)
            {
                var now = Stopwatch.GetElapsedTime(killed).TotalMilliseconds;
                foreach (var w in watches) w.Observe(victim.MqttPort, now);
                await Task.Delay(PollPeriod);
            }
            Say($"{watches.Count(w => w.AckedMs is not null)} of {watches.Count} gateways had a report acknowledged after the kill");
            await Task.Delay(s.After);

            foreach (var g in fleet) await g.StopReportingAsync();
            var drained = await UntilAsync(async () => (await Task.WhenAll(fleet.Select(g => g.BacklogAsync()))).All(d => d == 0),
                TimeSpan.FromSeconds(60), null, deployment);
            var survivor = deployment.Hosts.First(h => h.IsRunning);
            var declaredDead = DeclaredDead(deployment, victim, killedAt);
            var check = drained ? await CheckAsync(survivor, deployment.Database!, fleet) : null;
            Say($"declared dead after {(declaredDead is { } d ? $"{d.TotalSeconds:F2} s" : "(not found in the logs)")}; {check?.Summary ?? "outboxes did not drain"}");
            var outcome = new Outcome(repetition, victim.MqttPort, watches, declaredDead, check, ProcStat.LoadAverage());
            if (check is { Exact: true } && watches.All(w => w.AckedMs is not null) && !s.KeepLogs) deployment.Succeeded();
            else Say($"silo logs kept: {string.Join(", ", deployment.Hosts.Select(h => h.LogPath))}");
            return outcome;
        }
        catch
        {
            Console.Error.WriteLine(deployment.LogTails());
            throw;
        }
        finally
        {
            foreach (var g in fleet)
            {
                try
                {
                    await g.DisposeAsync();
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                {
                    // A gateway whose goodbye failed is closed all the same.
                }
            }
            Directory.Delete(outboxes, recursive: true);
        }
    }

    /// <summary>How many gateways each broker holds.</summary>
    private static string Spread(List<FleetGateway> fleet, Deployment deployment) =>
        string.Join(", ", deployment.Hosts.Select(h => $"{fleet.Count(g => g.Publisher.Link.Broker.Port == h.MqttPort)} on {h.MqttPort}"));

    /// <summary>When a survivor first logged the victim as declared dead (the journal recovery's warning, which every
    /// survivor writes as soon as its membership view shows the silo dead), after the kill.</summary>
    private static TimeSpan? DeclaredDead(Deployment deployment, HostProcess victim, DateTimeOffset killedAt)
    {
        TimeSpan? first = null;
        foreach (var host in deployment.Hosts.Where(h => h != victim))
        {
            foreach (var line in host.LogLines("was declared dead").Where(l => l.Contains($":{victim.SiloPort}:", StringComparison.Ordinal)))
            {
                // HostProcess has every line start with its UTC time of day, HH:mm:ss.fff.
                if (!TimeOnly.TryParseExact(line.AsSpan(0, Math.Min(12, line.Length)), "HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) continue;
                var at = new DateTimeOffset(killedAt.UtcDateTime.Date + time.ToTimeSpan(), TimeSpan.Zero);
                if (at < killedAt - TimeSpan.FromHours(12)) at = at.AddDays(1);
                var after = at - killedAt;
                if (first is null || after < first) first = after;
            }
        }
        return first;
    }

    /// <summary>Every report a gateway committed was acknowledged once the outboxes drained; the cluster must hold each
    /// once: as many journal rows and as many reports accepted by the device as the gateway sent.</summary>
    private static async Task<Check> CheckAsync(HostProcess survivor, string database, List<FleetGateway> fleet)
    {
        var journal = await PostgresStats.JournalRowsPerDeviceAsync(database);
        long acknowledged = 0, accepted = 0, rows = 0, duplicates = 0, refused = 0;
        var mismatches = new List<string>();
        foreach (var g in fleet)
        {
            var device = await survivor.GetAsync<JsonElement>($"/api/devices/{g.DeviceId}");
            var deviceAccepted = device.GetProperty("accepted").GetInt64();
            var deviceRows = journal.GetValueOrDefault(g.DeviceId);
            acknowledged += g.Enqueued;
            accepted += deviceAccepted;
            rows += deviceRows;
            duplicates += device.GetProperty("duplicates").GetInt64();
            refused += g.Publisher.Pump.Refused;
            if (deviceAccepted != g.Enqueued || deviceRows != g.Enqueued)
            {
                mismatches.Add($"{g.DeviceId}: {g.Enqueued} acknowledged, {deviceAccepted} accepted, {deviceRows} journal rows");
            }
        }
        foreach (var m in mismatches.Take(10)) Console.WriteLine("  mismatch " + m);
        return new Check(acknowledged, accepted, rows, duplicates, refused, mismatches.Count);
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, Deployment deployment)
    {
        if (!await UntilAsync(() => Task.FromResult(condition()), timeout, what, deployment)) throw new TimeoutException($"not within {timeout}: {what}");
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string? what, Deployment deployment)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                if (what is not null) Console.Error.WriteLine(deployment.LogTails(30));
                return false;
            }
            await Task.Delay(200);
        }
        return true;
    }

    private static void Report(Settings s, List<Outcome> results, TimeSpan took)
    {
        var onVictim = results.Select(r => r.Watches.Where(w => w.OnVictim).ToList()).ToList();
        double Seconds(double ms) => ms / 1000;
        IEnumerable<double> P(Func<List<Watch>, IEnumerable<double?>> pick, double p) =>
            onVictim.Select(v => pick(v).OfType<double>().ToList()).Where(v => v.Count > 0).Select(v => Seconds(Stats.Percentile(v, p)));
        var declared = results.Where(r => r.DeclaredDead is not null).Select(r => r.DeclaredDead!.Value.TotalSeconds).ToList();
        var figures = new List<(string, string)>
        {
            ("cluster", $"{s.Silos} silos (separate processes) on a private PostgreSQL (fsync=on, synchronous_commit=on) and Redis (appendonly, appendfsync always); Orleans membership {(s.Membership == "fast" ? "as the cluster tests set it (ProbeTimeout 1 s, NumMissedProbesLimit 2, NumVotesForDeathDeclaration 1, TableRefreshTimeout 2 s)" : "at Orleans' defaults (what the host runs unless configured)")}"),
            ("fleet", $"{s.Gateways} gateways (the edge gateway's own outbox, link and pump each; outboxes in /dev/shm), one report of 3 readings every {s.Interval.TotalSeconds:F0} s each ({s.Gateways / s.Interval.TotalSeconds:N0} msg/s), every broker in each gateway's list; {s.Steady.TotalSeconds:F0} s steady before the kill"),
            ("repetitions (a fresh cluster and fleet each)", results.Count.ToString(CultureInfo.InvariantCulture)),
            ("gateways on the killed silo", string.Join(", ", onVictim.Select(v => v.Count))),
            ("kill → link up on another silo, p50 / p100 over its gateways, median [min–max] of the repetitions",
                $"{Stats.Spread(P(v => v.Select(w => w.ReconnectedMs), 50), "F2")} s / {Stats.Spread(P(v => v.Select(w => w.ReconnectedMs), 100), "F2")} s"),
            ("kill → a report acknowledged again, p50 / p100 over its gateways, median [min–max] of the repetitions",
                $"{Stats.Spread(P(v => v.Select(w => w.AckedMs), 50), "F2")} s / {Stats.Spread(P(v => v.Select(w => w.AckedMs), 100), "F2")} s"),
            ("kill → declared dead (first survivor's log line), median [min–max]", declared.Count > 0 ? $"{Stats.Spread(declared, "F2")} s" : "not found in the logs"),
            ("gateways on the other silos: kill → next report acknowledged, p50 / p100, median [min–max]",
                $"{Stats.Spread(results.Select(r => Seconds(Stats.Percentile(r.Watches.Where(w => !w.OnVictim).Select(w => w.AckedMs).OfType<double>(), 50))), "F2")} s / "
                + $"{Stats.Spread(results.Select(r => Seconds(Stats.Percentile(r.Watches.Where(w => !w.OnVictim).Select(w => w.AckedMs).OfType<double>(), 100))), "F2")} s"),
            ("gateways that never had a report acknowledged again", $"{results.Sum(r => r.Watches.Count(w => w.AckedMs is null))} (gave up after {s.Timeout.TotalSeconds:F0} s)"),
            ("every acknowledged report counted exactly once (cluster's accepted count and journal rows per device = reports the gateway had acknowledged)",
                string.Join("; ", results.Select(r => r.Check is { } c ? c.Summary : "not checked: the outboxes did not drain"))),
        };
        var table = new StringBuilder();
        table.AppendLine("| repetition | on the killed silo | link up p50 / p100 | acknowledged again p50 / p100 | declared dead | others' next ack p50 / p100 | others waiting > 2 intervals | resends the device grains counted as duplicates | load avg after |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var v = r.Watches.Where(w => w.OnVictim).ToList();
            var others = r.Watches.Where(w => !w.OnVictim).ToList();
            string Ps(IEnumerable<double?> values) => values.OfType<double>().ToList() is { Count: > 0 } l
                ? FormattableString.Invariant($"{Seconds(Stats.Percentile(l, 50)):F2} / {Seconds(Stats.Percentile(l, 100)):F2} s")
                : "–";
            table.AppendLine(FormattableString.Invariant(
                $"| {r.Repetition} | {v.Count} | {Ps(v.Select(w => w.ReconnectedMs))} | {Ps(v.Select(w => w.AckedMs))} | {(r.DeclaredDead is { } d ? $"{d.TotalSeconds:F2} s" : "–")} | {Ps(others.Select(w => w.AckedMs))} | {others.Count(w => w.AckedMs is null || w.AckedMs > 2 * s.Interval.TotalMilliseconds)} | {r.Check?.Duplicates.ToString(CultureInfo.InvariantCulture) ?? "–"} | {r.LoadAfter} |"));
        }
        BenchReport.Write($"Silo failover: one of {s.Silos} killed under {s.Gateways} gateways", figures,
            "Times are from the SIGKILL, watched every 10 ms on each gateway's own link and pump: \"link up\" when its link is connected to "
            + "another silo's broker, \"acknowledged again\" when its pump has a PUBACK from there (the first report it sends there may be a "
            + "resend of one the dead silo had committed but not acknowledged). A gateway on a surviving silo whose device grain lived on the "
            + "killed one waits too, until the cluster has declared the silo dead and the grain activates elsewhere. The exactly-once check "
            + "runs after the reports stop and every outbox has drained: per device, the reports its gateway had acknowledged, the device "
            + "grain's accepted count (/api/devices/{id} on a survivor) and the journal rows in PostgreSQL must be equal. Everything, fleet "
            + $"included, shares this machine's {Environment.ProcessorCount} cores. The run took {took.TotalMinutes:F1} min."
            + $"{Environment.NewLine}{Environment.NewLine}{table.ToString().TrimEnd()}");
    }

    private sealed record Settings(int Silos, int Gateways, TimeSpan Interval, int Repeat, string Membership, TimeSpan Steady, TimeSpan After, TimeSpan Timeout,
        bool KeepLogs);

    private sealed record Outcome(int Repetition, int VictimPort, List<Watch> Watches, TimeSpan? DeclaredDead, Check? Check, string LoadAfter);

    private sealed record Check(long Acknowledged, long Accepted, long JournalRows, long Duplicates, long Refused, int Mismatches)
    {
        public bool Exact => Mismatches == 0 && Refused == 0;

        public string Summary => FormattableString.Invariant(
            $"{(Exact ? "yes" : "NO")}: {Acknowledged:N0} acknowledged, {Accepted:N0} accepted, {JournalRows:N0} journal rows, {Mismatches} devices differ, {Refused} refused, {Duplicates:N0} resends counted as duplicates by the device grains");
    }

    /// <summary>One gateway seen from the kill on.</summary>
    private sealed class Watch(FleetGateway gateway, bool onVictim, long deliveredAtKill)
    {
        private long? _baseline;

        public bool OnVictim => onVictim;

        /// <summary>Milliseconds after the kill the link was seen up on another silo (gateways of the killed silo).</summary>
        public double? ReconnectedMs { get; private set; }

        /// <summary>Milliseconds after the kill a PUBACK was first seen from a live silo.</summary>
        public double? AckedMs { get; private set; }

        public void Observe(int victimPort, double now)
        {
            if (AckedMs is not null) return;
            var link = gateway.Publisher.Link;
            var delivered = gateway.Publisher.Pump.Delivered;
            var elsewhere = link.Broker.Port != victimPort;
            if (!onVictim)
            {
                if (delivered > deliveredAtKill) AckedMs = now;
                return;
            }
            // A PUBACK the dead silo sent just before the kill may still be read after it; once the link is seen down,
            // none can come, so acknowledgements are counted from there.
            if (_baseline is null && (!link.IsConnected || elsewhere)) _baseline = delivered;
            if (_baseline is null) return;
            if (ReconnectedMs is null && link.IsConnected && elsewhere) ReconnectedMs = now;
            if (delivered > _baseline && elsewhere)
            {
                ReconnectedMs ??= now;
                AckedMs = now;
            }
        }
    }
}
