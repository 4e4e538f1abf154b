using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors;

namespace CityBrain.Edge.Cli.Checks;

/// <summary>What the checks share: the configuration, loaded once (a broken one is reported by the configuration
/// check and makes the checks that need it skip), and one connection attempt to the brokers, which the TLS and
/// credential checks read from their own side.</summary>
internal sealed class CheckContext
{
    private readonly Lazy<LoadedConfiguration> _configuration;
    private Task<BrokerVerdict>? _session;

    public CheckContext(string configurationPath, TimeProvider time, SensorFactory sensors)
    {
        ConfigurationPath = configurationPath;
        Time = time;
        Sensors = sensors;
        _configuration = new(() => LoadedConfiguration.From(configurationPath));
    }

    public string ConfigurationPath { get; }

    public TimeProvider Time { get; }

    public SensorFactory Sensors { get; }

    public LoadedConfiguration Configuration => _configuration.Value;

    /// <summary><paramref name="directory"/>, or its nearest ancestor that exists: a missing data directory is made on
    /// the service's first start, so its permissions and free space are those of the place it will be made in.</summary>
    public static string NearestExisting(string directory)
    {
        var existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
        return existing;
    }

    /// <summary>One MQTT connect to every broker with the gateway's identity (as <c>provision</c> does), made once
    /// for all the checks that ask.</summary>
    public Task<BrokerVerdict> ConnectOnceAsync(GatewayOptions options, CancellationToken cancellationToken) =>
        _session ??= BrokerCheck.RunAsync(options.Link(), cancellationToken);
}

/// <param name="Bound">The options as read, whether valid or not; null when the file could not be read or bound.</param>
/// <param name="Problem">Why the configuration cannot be used; null when <see cref="Bound"/> is valid.</param>
internal sealed record LoadedConfiguration(GatewayOptions? Bound, string? Problem)
{
    /// <summary>The options, when they are valid.</summary>
    public GatewayOptions? Valid => Problem is null ? Bound : null;

    public static LoadedConfiguration From(string path)
    {
        GatewayOptions? bound = null;
        try
        {
            var configuration = GatewayConfiguration.Build(path, []);
            bound = GatewayConfiguration.Bind(configuration, path);
            GatewayConfiguration.Load(configuration, path);
            return new(bound, null);
        }
        catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
        {
            return new(bound, TechnicianErrors.Describe(ex).Message);
        }
    }
}
