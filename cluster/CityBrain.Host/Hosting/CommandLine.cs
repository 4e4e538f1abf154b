using System.Reflection;

namespace CityBrain.Host.Hosting;

/// <summary>One short switch: the setting it stands for and what a person changes it for.</summary>
public sealed record CommandLineSwitch(string Name, string Setting, string Value, string Description);

/// <summary>Short command-line switches for the settings people change most; any setting also works in its long
/// form, e.g. <c>--Broker:Port=1884</c>. The help text is written from the same table, so it cannot drift.</summary>
public static class CommandLine
{
    public static readonly IReadOnlyList<CommandLineSwitch> All =
    [
        new("--data", "CityBrain:DataDirectory", "DIR", "data directory of a single-machine host (default ./data)"),
        new("--http-port", "CityBrain:HttpPort", "PORT", "cockpit and API (default 5080)"),
        new("--mqtt-port", "Broker:Port", "PORT", "MQTT broker for gateways (default 1883)"),
        new("--mqtt-bind", "Broker:BindAddress", "ADDRESS", "where the broker listens: 127.0.0.1 (default), ::1, localhost (both), or 0.0.0.0 with TLS"),
        new("--silo-port", "CityBrain:SiloPort", "PORT", "Orleans silo-to-silo port (default 11111)"),
        new("--gateway-port", "CityBrain:GatewayPort", "PORT", "Orleans client gateway port (default 30000)"),
        new("--regions", "CityBrain:RegionFile", "FILE", "the region tree's file: a province of cities or a city of districts (default the demo city)"),
        new("--mode", "CityBrain:Mode", "MODE", "Embedded (one machine, SQLite; default) or Cluster (Redis and PostgreSQL)"),
        new("--redis", "Cluster:Redis", "HOST:PORT", "cluster membership (Cluster mode)"),
        new("--postgres", "Postgres:ConnectionString", "CONNECTION", "shared stores (Cluster mode; a password belongs in Postgres__ConnectionString)"),
        new("--fleet-secret", "Broker:FleetSecret", "SECRET", "refused here: set Broker__FleetSecret in the environment"),
    ];

    public static IDictionary<string, string> Switches => All.ToDictionary(s => s.Name, s => s.Setting);

    private static readonly string[] HelpNames = ["--help", "-h", "-?"];

    public static bool AsksForHelp(IEnumerable<string> args) => args.Any(a => HelpNames.Contains(a, StringComparer.Ordinal));

    public static bool AsksForVersion(IEnumerable<string> args) => args.Contains("--version", StringComparer.Ordinal);

    /// <summary>The host's version as the build stamped it (without the source revision, which only a developer reads).</summary>
    public static string Version
    {
        get
        {
            var version = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            return version.Split('+')[0];
        }
    }

    /// <summary>The help of a program that runs the host (<c>CityBrain.Host</c>, the demo) with its own extra switches.</summary>
    public static string Help(string program, IEnumerable<CommandLineSwitch> extra)
    {
        var switches = extra.Concat(All).ToList();
        var width = switches.Max(s => s.Name.Length + s.Value.Length) + 3;
        var lines = switches.Select(s => $"  {(s.Name + " " + s.Value).PadRight(width)}{s.Description}  [{s.Setting}]");
        return $"""
            usage: {program} [OPTIONS]                 run the city brain (HTTP, MQTT broker, Orleans silo) until Ctrl+C
                   {program} credentials VERB ...      a gateway's password: add, list, rotate, revoke (credentials --help)
                   {program} replay --from T --to T    recompute hours from the journal of a stopped host (replay --help)
                   {program} --version | --help

            options (each is a setting; any setting also works as --Section:Key=VALUE or in the environment as Section__Key=VALUE):
            {string.Join(Environment.NewLine, lines)}

            Exit codes: 0 stopped normally, 2 a settings mistake (the message names the setting), anything else a fault.
            """;
    }
}
