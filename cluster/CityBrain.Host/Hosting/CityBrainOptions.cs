namespace CityBrain.Host.Hosting;

public sealed class CityBrainOptions
{
    public const string Section = "CityBrain";

    /// <summary>Grain state, raw journal, dead letters and credentials live here.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The city file; the demo city ships next to the host.</summary>
    public string CityFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "cities", "demo-city.json");

    public int HttpPort { get; set; } = 5080;

    public string HttpBindAddress { get; set; } = "localhost";

    /// <summary>Orleans silo-to-silo and client gateway ports; change them to run several hosts on one machine.</summary>
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Simulated gateways to start in-process so the cockpit is alive on first start; 0 for none.</summary>
    public int Simulate { get; set; }

    public string DataPath(string file) => Path.Combine(DataDirectory, file);
}
