using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;

namespace CityBrain.Edge.Tests.Support;

/// <summary>Runs <c>citybrain-edge</c> in this process and captures what a technician would see.</summary>
public static class Cli
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        /// <summary>The error output must be whole sentences, one per line, each naming the command.</summary>
        public IReadOnlyList<string> Sentences => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await EdgeCommandLine.InvokeAsync(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    public static string WriteConfig(TempDirectory dir, string json)
    {
        var path = dir.File("gateway.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A configuration file for an emulated gateway, with extra sensor entries appended.</summary>
    public static string Config(TempDirectory dir, int brokerPort = 1883, string password = "secret", string extraSensors = "") => WriteConfig(dir, $$"""
        {
          "Gateway": {
            "DeviceId": "gw-cli",
            "District": "haidian",
            "Site": "万柳",
            "Position": { "Latitude": 39.96, "Longitude": 116.3 },
            "DataDirectory": "{{dir.File("data")}}",
            "ReportInterval": "00:00:01",
            "SampleInterval": "00:00:00.200",
            "StatusInterval": "00:00:00.200",
            "Broker": { "Host": "127.0.0.1", "Port": {{brokerPort}}, "Password": "{{password}}", "RefusedRetry": "00:00:00.300" },
            "Sensors": [
              { "Type": "sht4x", "Emulated": true, "Calibration": { "Quantity": "temperature", "Offset": -0.5, "Factor": 1.0 } }{{extraSensors}}
            ]
          }
        }
        """);
}
