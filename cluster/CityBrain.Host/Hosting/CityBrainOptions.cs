namespace CityBrain.Host.Hosting;

/// <summary>One machine with everything in it, or one silo of several sharing Redis and PostgreSQL.</summary>
public enum HostMode
{
    Embedded,
    Cluster,
}

public sealed class CityBrainOptions
{
    public const string Section = "CityBrain";

    public HostMode Mode { get; set; } = HostMode.Embedded;

    /// <summary>In embedded mode grain state, raw journal, history, dead letters and credentials live here; a silo of a
    /// cluster keeps nothing of its own.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The region tree's file (a province of cities, or one city of districts); the demo city ships next to
    /// the host, the demo province beside it under regions/.</summary>
    public string RegionFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "cities", "demo-city.json");

    public int HttpPort { get; set; } = 5080;

    public string HttpBindAddress { get; set; } = "localhost";

    /// <summary>Orleans silo-to-silo and client gateway ports; change them to run several hosts on one machine.</summary>
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string DataPath(string file) => Path.Combine(DataDirectory, file);
}
