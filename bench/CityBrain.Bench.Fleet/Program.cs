using System.Globalization;
using CityBrain.Bench.Fleet;

// dotnet run -c Release --project bench/CityBrain.Bench.Fleet -- connections|shared|compose [--option value ...]
//   connections --gateways 10000 --uplink direct|gateway --seconds 60 --interval 10s   one MQTT connection per gateway
//   shared      --gateways 10000 --connections 16 --inflight 64 --seconds 20 --interval 1s   batched ingest load
//   compose     --reports 200000                                                    value model + serialisation alone
// The broker runs as a child process (this program with "broker"), so that the figures are the fleet's alone.
var command = args.FirstOrDefault() ?? "connections";
var options = args.Skip(1).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
string Text(string name, string fallback) => options.GetValueOrDefault(name, fallback);
int Number(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

try
{
    switch (command)
    {
        case "broker":
            await CountingBroker.RunAsync(Number("port", 1883));
            return 0;
        case "connections":
            await FleetBenchmarks.ConnectionsAsync(Number("gateways", 10_000), Enum.Parse<CityBrain.Simulators.Fleet.UplinkMode>(Text("uplink", "direct"), ignoreCase: true),
                Number("seconds", 60), TimeSpan.FromSeconds(Number("interval", 10)));
            return 0;
        case "shared":
            await FleetBenchmarks.SharedAsync(Number("gateways", 10_000), Number("connections", 16), Number("inflight", 64), Number("seconds", 20),
                TimeSpan.FromSeconds(Number("interval", 1)));
            return 0;
        case "compose":
            FleetBenchmarks.Compose(Number("reports", 200_000));
            return 0;
        default:
            Console.Error.WriteLine("usage: CityBrain.Bench.Fleet connections|shared|compose [--gateways N] [--uplink direct|gateway] [--seconds N] [--interval N] [--connections N] [--inflight N] [--reports N]");
            return 2;
    }
}
catch (Exception ex) when (ex is CityBrain.Simulators.Fleet.FleetConfigurationException or InvalidOperationException)
{
    Console.Error.WriteLine($"fleet bench: {ex.Message}");
    return 1;
}
