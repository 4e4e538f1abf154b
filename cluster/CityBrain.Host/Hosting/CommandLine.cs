namespace CityBrain.Host.Hosting;

/// <summary>Short command-line switches for the settings people change most; any setting also works in its long
/// form, e.g. <c>--Broker:Port=1884</c>.</summary>
public static class CommandLine
{
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--http-port"] = "CityBrain:HttpPort",
        ["--mode"] = "CityBrain:Mode",
        ["--redis"] = "Cluster:Redis",
        ["--postgres"] = "Postgres:ConnectionString",
        ["--data"] = "CityBrain:DataDirectory",
        ["--city"] = "CityBrain:CityFile",
        ["--silo-port"] = "CityBrain:SiloPort",
        ["--gateway-port"] = "CityBrain:GatewayPort",
        ["--mqtt-port"] = "Broker:Port",
        ["--mqtt-bind"] = "Broker:BindAddress",
        ["--fleet-secret"] = "Broker:FleetSecret",
    };
}
