namespace CityBrain.Simulators.Fleet;

/// <summary>How gateways reach the broker.</summary>
public enum UplinkMode
{
    /// <summary>The edge gateway's own code: its SQLite outbox, MQTT link and outbox pump, one connection per gateway
    /// logged in as the device. Outages are ridden out in the outbox and caught up afterwards.</summary>
    Gateway,
    /// <summary>One MQTT connection per gateway, logged in as the device, without an outbox: the lightest way to hold
    /// ten thousand device connections; reports made while offline are lost.</summary>
    Direct,
    /// <summary>A few shared connections logged in with a service account, publishing on every gateway's topic: for
    /// ingest benchmarks, where ten thousand sockets on the load side would only measure the load generator.</summary>
    Shared,
}

/// <summary>A simulated city run. Either <see cref="ScenarioPath"/> (a scenario file) or <see cref="Districts"/> with
/// <see cref="Gateways"/> (the quick path, as used by <c>citybrain-host --simulate N</c>); the other settings override
/// the scenario's.</summary>
public sealed class FleetOptions
{
    public const string Section = "Fleet";

    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    /// <summary>Every cluster node's broker as host:port, instead of <see cref="BrokerHost"/> and <see cref="BrokerPort"/>:
    /// each simulated gateway starts at one of its own choosing, so the fleet spreads over the nodes, and fails over
    /// between them with the edge gateway's own link. Gateway uplink only; the others connect to a single broker.</summary>
    public List<string> BrokerEndpoints { get; set; } = [];

    /// <summary>PEM file of the CA of the broker's certificate: with it the gateways connect over TLS and verify the
    /// broker as a real gateway does (give the broker's MQTT-over-TLS port).</summary>
    public string? BrokerCaFile { get; set; }

    /// <summary>A scenario file; without one the city is built from <see cref="Districts"/>.</summary>
    public string? ScenarioPath { get; set; }

    /// <summary>District ids for the quick path: gateways go round-robin over them (default: the region file's districts).</summary>
    public List<string> Districts { get; set; } = [];

    /// <summary>The cluster's region file: each district found in it is named as the file names it in Chinese and its
    /// gateways stand inside its outline, where the cluster accepts their positions. Without a scenario it also gives the
    /// city: its districts (unless <see cref="Districts"/> names some) and its time zone.</summary>
    public string? RegionFile { get; set; }

    /// <summary>How many gateways; with a scenario, spread over its districts in its proportions.</summary>
    public int? Gateways { get; set; }

    /// <summary>Gateway passwords are HMAC-SHA256(FleetSecret, device id), base64url; the broker must know the secret.</summary>
    public string FleetSecret { get; set; } = "";

    /// <summary>Same seed, same city: every value is a pure function of the seed, the gateway and the time.</summary>
    public int? Seed { get; set; }

    public TimeSpan? ReportInterval { get; set; }

    /// <summary>Gateway ids begin with this (default <c>sim</c>, or the scenario's): two fleets with different prefixes
    /// can run side by side against one cluster.</summary>
    public string? DevicePrefix { get; set; }

    /// <summary>The city's time zone, for daily cycles in local time (quick path; a scenario and a region file name their own).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Simulated seconds per real second: 60 runs a simulated day in 24 minutes. Above 1 a
    /// <see cref="Duration"/> is required, and the run is placed in the recent past so that it ends at the present: the
    /// cluster refuses reports from the future.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Simulated start; by default now, or the recent past for an accelerated run.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Simulated time to run for; without it the fleet runs until stopped.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Extra faults in the command-line form <c>kind:key=value,…</c>, e.g. <c>offline:share=0.1,start=+10m,duration=5m</c>.</summary>
    public List<string> Faults { get; set; } = [];

    public UplinkMode Uplink { get; set; } = UplinkMode.Gateway;

    /// <summary>Gateway mode: where the simulated gateways' outboxes live. They must outlive a run, because a gateway's
    /// sequence numbers continue from its outbox and the cluster drops numbers it has seen. By default a directory per
    /// broker in /dev/shm (memory-backed, so the outbox's fsyncs cost nothing), or in the temp directory.</summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>How often each gateway publishes its health, on the simulated clock; a gateway's own default.</summary>
    public TimeSpan HealthInterval { get; set; } = Edge.Configuration.GatewayOptions.DefaultHealthInterval;

    /// <summary>Gateway mode: how long the end of a run waits for the outboxes to drain.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shared mode: connections, publishes in flight per connection, and the service account they log in with.</summary>
    public int SharedConnections { get; set; } = 16;

    public int InFlight { get; set; } = 64;

    public string? ServiceUser { get; set; }

    public string? ServicePassword { get; set; }

    /// <summary>New gateway connections per second while the fleet starts, so that ten thousand gateways do not hit the
    /// broker in one second.</summary>
    public int ConnectRate { get; set; } = 500;

    /// <summary>Where to write the ground truth (SQLite); none when empty.</summary>
    public string? GroundTruthPath { get; set; }

    /// <summary>Days of history every gateway sends before it reports live, one report per clock hour of the city's time
    /// zone (and one for the part of the current hour before the first live window), from the same value model: the
    /// cluster then has a month of trends, daily AQI and validity from its first minutes. 0 for none. A gateway whose
    /// outbox already numbered reports has a history of its own and sends none.</summary>
    public int BackfillDays { get; set; }

    /// <summary>How many gateways send their history at once; each goes live once its history is acknowledged. Every
    /// history runs newest first, so with all of a demo's gateways at once every place has its last day within seconds;
    /// a large fleet takes its gateways in turns, so the cluster is never handed millions of reports in one go.</summary>
    public int BackfillConcurrency { get; set; } = 256;

    /// <summary>A pollution episode that began before the start in the first district and is near its height as live
    /// reporting begins, spreading to the neighbours: a demo then has exceedances in its last backfilled hours and its
    /// first live ones, and so alerts.</summary>
    public bool EpisodeAtStart { get; set; }

    /// <summary>Stop the host when a run with a <see cref="Duration"/> is over (the command-line tool; not the cluster host).</summary>
    public bool StopHostWhenDone { get; set; }
}
