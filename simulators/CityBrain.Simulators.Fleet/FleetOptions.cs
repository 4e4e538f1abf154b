namespace CityBrain.Simulators.Fleet;

public sealed class FleetOptions
{
    public const string Section = "Fleet";

    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    /// <summary>Simulated gateways, spread round-robin over <see cref="Districts"/>.</summary>
    public int Gateways { get; set; } = 100;

    public List<string> Districts { get; set; } = [];

    /// <summary>Gateway passwords are derived from this secret (see <c>DerivedPassword</c>); the broker must know it.</summary>
    public string FleetSecret { get; set; } = "";

    /// <summary>Same seed, same city: every value is a pure function of the seed, the device and the time.</summary>
    public int Seed { get; set; } = 42;

    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(10);

    public string DevicePrefix { get; set; } = "sim";

    /// <summary>The city's time zone, for daily cycles (traffic peaks, afternoon ozone) in local time.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
