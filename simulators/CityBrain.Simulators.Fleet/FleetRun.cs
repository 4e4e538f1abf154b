using System.Globalization;
using CityBrain.Contracts.Parsing;
using CityBrain.Edge.Link;
using CityBrain.Regions;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Time;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet;

/// <summary>A setting of <see cref="FleetOptions"/> that cannot work, named by its property.</summary>
public sealed class FleetConfigurationException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    public string Setting { get; } = setting;

    public string Problem { get; } = problem;
}

/// <summary>Everything a run needs, resolved and checked before any gateway connects: the city, its gateways, their
/// faults and the simulated clock.</summary>
/// <param name="SequenceBase">Every gateway's first sequence number. It is the real start time in seconds times 2^20,
/// so a later run always starts above anything an earlier run sent (at fewer than a million reports per gateway per
/// real second), while within a run the numbers are consecutive, as the cluster's duplicate window expects.</param>
public sealed record FleetRun(
    CityScenario Scenario,
    IReadOnlyList<GatewaySite> Sites,
    FaultPlan Faults,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double TimeScale,
    long SequenceBase)
{
    /// <summary>A year: more than any cluster keeps of a device's hours (31 days by default).</summary>
    public const int MaxBackfillDays = 366;

    private static readonly ulong PhaseStream = SeededNoise.Hash("phase");

    /// <summary>The simulated clock: <paramref name="real"/> itself for a real-time run from now, else scaled and shifted.</summary>
    public TimeProvider Clock(TimeProvider real) =>
        TimeScale == 1 && Math.Abs((Start - real.GetUtcNow()).TotalSeconds) < 1 ? real : new ScaledTimeProvider(real, Start, TimeScale);

    /// <summary>When in each report interval a gateway reports, drawn from the seed so that the fleet's reports spread evenly.</summary>
    public TimeSpan Phase(GatewaySite site) =>
        Scenario.ReportInterval * new SeededNoise(Scenario.Seed).Uniform(PhaseStream, site.Key);

    /// <param name="customCredentials">Whether the host supplies gateway credentials itself (an
    /// <see cref="Uplinks.IGatewayCredentials"/> service), so that no fleet secret is needed.</param>
    public static FleetRun Plan(FleetOptions options, TimeProvider real, bool customCredentials = false)
    {
        var now = real.GetUtcNow();
        var scenario = ScenarioFor(options);
        var sites = FleetPlan.Sites(scenario, options.ScenarioPath is null ? null : options.Gateways);
        if (sites.Count == 0) throw new FleetConfigurationException(nameof(options.Gateways), "the fleet has no gateway");
        var (start, end) = Timeline(options, now);
        if (options.Uplink == UplinkMode.Gateway) RequireOpenFiles(sites.Count);
        var extra = options.Faults.Select(spec => FaultSpecs.Parse(spec, scenario.Districts.Select(d => d.Id))).ToList();
        if (extra.SelectMany(f => f.Errors).ToList() is { Count: > 0 } errors) throw new InvalidScenarioException("faults", errors);
        var faults = scenario.Faults.Concat(extra.Select(f => f.Fault!)).ToList();
        RequireCredentials(options, customCredentials);
        RequireBackfill(options);
        if (options.HealthInterval < TimeSpan.FromSeconds(1) || options.HealthInterval > TimeSpan.FromDays(1))
        {
            throw new FleetConfigurationException(nameof(options.HealthInterval), $"{Durations.Format(options.HealthInterval)} is not between 1s and 1d");
        }
        Brokers(options);
        scenario = scenario with { Faults = faults, Episodes = options.EpisodeAtStart ? [.. scenario.Episodes, EpisodeAt(scenario, start)] : scenario.Episodes };
        return new FleetRun(scenario, sites, new FaultPlan(faults, sites, start, scenario.Seed), start, end, options.TimeScale,
            now.ToUnixTimeSeconds() << 20);
    }

    /// <summary>Where the gateways' outboxes live: see <see cref="FleetOptions.OutboxDirectory"/>.</summary>
    public static string OutboxDirectory(FleetOptions o) => o.OutboxDirectory
        ?? Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "citybrain-fleet",
            string.Join("+", Brokers(o).Select(b => $"{b.Host}-{b.Port}")));

    /// <summary>The brokers the gateways connect to: <see cref="FleetOptions.BrokerEndpoints"/>, or the one broker at
    /// <see cref="FleetOptions.BrokerHost"/> and <see cref="FleetOptions.BrokerPort"/>.</summary>
    /// <exception cref="FleetConfigurationException">An endpoint is not host:port, or several are given to an uplink without failover.</exception>
    public static IReadOnlyList<BrokerAddress> Brokers(FleetOptions o)
    {
        if (o.BrokerEndpoints.Count == 0) return [new BrokerAddress(o.BrokerHost, o.BrokerPort)];
        var brokers = o.BrokerEndpoints.Select(text => BrokerAddress.TryParse(text, null, out var broker, out var problem)
            ? broker
            : throw new FleetConfigurationException(nameof(o.BrokerEndpoints), $"'{text}' is not host:port: {problem}")).ToList();
        if (brokers.Count > 1 && o.Uplink != UplinkMode.Gateway)
        {
            throw new FleetConfigurationException(nameof(o.BrokerEndpoints),
                $"{brokers.Count} brokers need the Gateway uplink: only the edge gateway's link fails over between brokers, the {o.Uplink} uplink connects to one");
        }
        return brokers;
    }

    /// <summary>What the ground truth file records about the run.</summary>
    public IReadOnlyDictionary<string, string> Description(FleetOptions options) => new Dictionary<string, string>
    {
        ["scenario"] = Scenario.Name,
        ["scenarioFile"] = options.ScenarioPath ?? "",
        ["seed"] = Scenario.Seed.ToString(CultureInfo.InvariantCulture),
        ["gateways"] = Sites.Count.ToString(CultureInfo.InvariantCulture),
        ["districts"] = string.Join(",", Scenario.Districts.Select(d => d.Id)),
        ["reportInterval"] = Durations.Format(Scenario.ReportInterval),
        ["timeZone"] = Scenario.TimeZone.Id,
        ["timeScale"] = TimeScale.ToString(CultureInfo.InvariantCulture),
        ["start"] = Start.ToString("O", CultureInfo.InvariantCulture),
        ["faults"] = string.Join("; ", Scenario.Faults),
        ["uplink"] = options.Uplink.ToString(),
    };

    private static CityScenario ScenarioFor(FleetOptions o)
    {
        CityScenario scenario;
        var regions = o.RegionFile is { } regionFile ? LoadRegions(regionFile) : null;
        if (o.ScenarioPath is { } path)
        {
            scenario = ScenarioReader.Load(path);
        }
        else
        {
            IReadOnlyList<string> districts = o.Districts.Count > 0 ? o.Districts : regions?.Tree.Leaves.Select(d => d.Id).ToList() ?? [];
            if (districts.Count == 0) throw new FleetConfigurationException(nameof(o.Districts), "the fleet needs a scenario file or at least one district id");
            if (o.Gateways is not { } gateways || gateways < 1) throw new FleetConfigurationException(nameof(o.Gateways), "say how many gateways to simulate (at least 1)");
            var zoneId = regions?.Tree.TimeZone ?? o.TimeZone;
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)) throw new FleetConfigurationException(nameof(o.TimeZone), $"'{zoneId}' is not a known time zone");
            var bad = districts.FirstOrDefault(d => !Contracts.Topics.Identifier.IsValid(d));
            if (bad is not null) throw new FleetConfigurationException(nameof(o.Districts), $"'{bad}' is not a valid district id");
            scenario = QuickCity.Build(districts, gateways, o.Seed ?? ScenarioCompiler.DefaultSeed,
                o.ReportInterval ?? ScenarioCompiler.DefaultReportInterval, zone);
        }
        if (o.DevicePrefix is { } prefix)
        {
            if (ScenarioCompiler.DevicePrefixProblem(prefix) is { } problem) throw new FleetConfigurationException(nameof(o.DevicePrefix), problem);
            scenario = scenario with { DevicePrefix = prefix };
        }
        if (o.ReportInterval is { } interval)
        {
            if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromHours(1) || interval.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new FleetConfigurationException(nameof(o.ReportInterval), $"{Durations.Format(interval)} is not a whole number of seconds between 1s and 1h");
            }
            scenario = scenario with { ReportInterval = interval };
        }
        if (regions is not null) scenario = WithRegions(scenario, regions);
        return o.Seed is { } seed ? scenario with { Seed = seed } : scenario;
    }

    /// <summary>Names each district the region file knows as the file does and gives it the file's outline; a district
    /// the file lacks keeps the scenario's name and position (the cluster will refuse its reports anyway).</summary>
    private static CityScenario WithRegions(CityScenario scenario, LoadedRegions regions) =>
        scenario with
        {
            Districts = [.. scenario.Districts.Select(d => regions.Tree.TryFind(d.Id, out var node) && node.IsLeaf
                ? d with { Name = node.NameZh, Outline = regions.Boundaries.TryGet(d.Id, out var outline) ? outline : null }
                : d)],
        };

    private static LoadedRegions LoadRegions(string regionFile)
    {
        try
        {
            return CityBrain.Regions.RegionFile.Load(regionFile);
        }
        catch (Exception ex) when (ex is RegionFileException or IOException or UnauthorizedAccessException)
        {
            throw new FleetConfigurationException(nameof(FleetOptions.RegionFile), ex.Message);
        }
    }

    private static void RequireBackfill(FleetOptions o)
    {
        if (o.BackfillDays is < 0 or > MaxBackfillDays)
        {
            throw new FleetConfigurationException(nameof(o.BackfillDays),
                $"{o.BackfillDays} is not a number of days between 0 (no history) and {MaxBackfillDays}");
        }
        if (o.BackfillConcurrency < 1) throw new FleetConfigurationException(nameof(o.BackfillConcurrency), $"{o.BackfillConcurrency} gateways at once cannot send a history; give at least 1");
    }

    /// <summary>An episode that began six hours before <paramref name="start"/> in the first district, so that it is
    /// four fifths up as live reporting begins and peaks two and a half hours later; its neighbours follow an hour apart.</summary>
    private static EpisodeScenario EpisodeAt(CityScenario scenario, DateTimeOffset start) =>
        new(scenario.Districts[0].Id, new ScenarioInstant(start - TimeSpan.FromHours(6), TimeSpan.Zero), TimeSpan.FromHours(12), Intensity: 4,
            HopDelay: TimeSpan.FromHours(1), Attenuation: 0.7);

    private static void RequireCredentials(FleetOptions o, bool customCredentials)
    {
        if (o.Uplink == UplinkMode.Shared && (string.IsNullOrEmpty(o.ServiceUser) || o.ServicePassword is null))
        {
            throw new FleetConfigurationException(nameof(o.ServiceUser), "shared connections log in with a service account: give its user name and password");
        }
        if (o.Uplink != UplinkMode.Shared && !customCredentials && string.IsNullOrEmpty(o.FleetSecret))
        {
            throw new FleetConfigurationException(nameof(o.FleetSecret), "gateways derive their passwords from the fleet secret, which the broker must know; it is empty");
        }
    }

    /// <summary>Gateways with outboxes hold several files open each; running out of them half-way through starting a
    /// fleet would fail far from the cause, so the limit is checked first (Linux reports it in /proc/self/limits).</summary>
    private static void RequireOpenFiles(int gateways)
    {
        const string limits = "/proc/self/limits";
        if (!File.Exists(limits)) return;
        var line = File.ReadLines(limits).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        if (line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [.., var soft, _, _] || !long.TryParse(soft, out var limit)) return;
        var needed = gateways * (long)Uplinks.EdgeGatewayUplinkFactory.FilesPerGateway + 256;
        if (needed > limit)
        {
            throw new FleetConfigurationException(nameof(FleetOptions.Uplink),
                $"{gateways} gateways with outboxes need about {needed} open files but this process may open {limit}; simulate at most {(limit - 256) / Uplinks.EdgeGatewayUplinkFactory.FilesPerGateway} this way, use the direct uplink (no outbox) for more, or raise the limit (ulimit -n)");
        }
    }

    private static (DateTimeOffset Start, DateTimeOffset? End) Timeline(FleetOptions o, DateTimeOffset now)
    {
        if (!double.IsFinite(o.TimeScale) || o.TimeScale <= 0 || o.TimeScale > 100_000)
        {
            throw new FleetConfigurationException(nameof(o.TimeScale), $"{o.TimeScale} is not a time scale between 0 and 100000 (60 runs a day in 24 minutes)");
        }
        if (o.Duration is { } d && d <= TimeSpan.Zero) throw new FleetConfigurationException(nameof(o.Duration), "must be longer than zero");
        if (o.TimeScale > 1 && o.Duration is null)
        {
            throw new FleetConfigurationException(nameof(o.Duration),
                $"a time scale above 1 needs a duration: the accelerated clock would otherwise run past the present, and the cluster refuses reports from the future");
        }
        var realLength = o.Duration / o.TimeScale;
        // An accelerated run replays the recent past so that its simulated clock reaches the present as it ends.
        var start = o.Start ?? (o.Duration is { } length && o.TimeScale > 1 ? now - length + realLength!.Value : now);
        if (o.Duration is { } duration && start + duration > now + realLength + WireFormat.DefaultMaxFutureSkew)
        {
            throw new FleetConfigurationException(nameof(o.Start),
                $"a run from {start:u} for {Durations.Format(duration)} at time scale {o.TimeScale} would end {(start + duration - now - realLength!.Value):g} ahead of the real clock; the cluster refuses reports from the future, so start earlier");
        }
        if (o.Duration is null && start > now + WireFormat.DefaultMaxFutureSkew)
        {
            throw new FleetConfigurationException(nameof(o.Start), $"{start:u} is in the future; the cluster refuses reports from the future");
        }
        return (start, start + o.Duration);
    }
}
