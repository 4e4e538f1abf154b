using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityBrain.Edge.Configuration;
using Microsoft.Extensions.Configuration;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge provision</c>: writes the gateway's identity (device id, district, position), broker and
/// credentials into its configuration file, keeping everything else in it (sensors, intervals), after checking the
/// values and that the broker accepts the credentials. The file is readable by its owner only: it holds the password.</summary>
internal static class ProvisionCommand
{
    public static Command Create(Option<string?> config)
    {
        var device = new Option<string>("--device") { Description = "The gateway's device id, as registered in the cluster", Required = true, HelpName = "id" };
        var district = new Option<string>("--district") { Description = "The district the gateway stands in", Required = true, HelpName = "id" };
        var broker = new Option<string>("--broker") { Description = "The MQTT broker as host or host:port (port 1883 if left out)", Required = true, HelpName = "host:port" };
        var password = new Option<string>("--password") { Description = "The password the cluster issued for the device; - reads it from standard input", Required = true };
        var latitude = new Option<double?>("--lat") { Description = "Latitude of the site, decimal degrees" };
        var longitude = new Option<double?>("--lon") { Description = "Longitude of the site, decimal degrees" };
        var data = new Option<string?>("--data-dir") { Description = "Where the outbox and status live (default /var/lib/citybrain-edge)", HelpName = "dir" };
        var offline = new Option<bool>("--offline") { Description = "Write the configuration without checking the broker (no network yet)" };
        var command = new Command("provision", "Write and check the gateway's identity, site, broker and credentials")
        {
            device, district, broker, password, latitude, longitude, data, offline,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var path = GatewayConfiguration.ResolvePath(result.GetValue(config));
            try
            {
                if ((result.GetValue(latitude) is null) != (result.GetValue(longitude) is null))
                {
                    return TechnicianErrors.Say(error, "provision", "give the site's position as both --lat and --lon, or neither", ExitCodes.Configuration);
                }
                if (!TryParseBroker(result.GetRequiredValue(broker), out var host, out var port))
                {
                    return TechnicianErrors.Say(error, "provision", $"--broker '{result.GetRequiredValue(broker)}' is not host or host:port, e.g. 10.0.0.5:1883", ExitCodes.Configuration);
                }
                var secret = result.GetRequiredValue(password) == "-" ? (await Console.In.ReadLineAsync(cancellationToken))?.Trim() ?? "" : result.GetRequiredValue(password);
                var document = Existing(path);
                var gateway = document[GatewayOptions.Section] as JsonObject ?? [];
                document[GatewayOptions.Section] = gateway;
                gateway["DeviceId"] = result.GetRequiredValue(device);
                gateway["District"] = result.GetRequiredValue(district);
                if (result.GetValue(latitude) is { } lat && result.GetValue(longitude) is { } lon) gateway["Position"] = new JsonObject { ["Latitude"] = lat, ["Longitude"] = lon };
                if (result.GetValue(data) is { } dataDirectory) gateway["DataDirectory"] = dataDirectory;
                else gateway["DataDirectory"] ??= "/var/lib/citybrain-edge";
                var brokerNode = gateway["Broker"] as JsonObject ?? [];
                gateway["Broker"] = brokerNode;
                brokerNode["Host"] = host;
                brokerNode["Port"] = port;
                brokerNode["Password"] = secret;
                var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

                var options = GatewayConfiguration.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build(), path);
                if (string.IsNullOrEmpty(secret)) return TechnicianErrors.Say(error, "provision", "the password is empty: give the one the cluster issued for the device", ExitCodes.Configuration);
                var checkedBroker = false;
                if (!result.GetValue(offline))
                {
                    var (code, problem) = await BrokerCheck.RunAsync(options.Link(), cancellationToken);
                    if (problem is not null) return TechnicianErrors.Say(error, "provision", $"{problem}; nothing was written (--offline writes without this check)", code);
                    checkedBroker = true;
                }
                Write(path, json);
                await output.WriteLineAsync($"Provisioned {options.DeviceId} in {options.District}" +
                    (options.Position is { } p ? string.Create(CultureInfo.InvariantCulture, $" at {p.Latitude}, {p.Longitude}") : "") + ".");
                await output.WriteLineAsync(checkedBroker
                    ? $"The broker at {host}:{port} accepted the credentials."
                    : $"The broker at {host}:{port} was not checked (--offline).");
                await output.WriteLineAsync($"Configuration written to {Path.GetFullPath(path)} ({options.Sensors.Count} sensors configured).");
                await output.WriteLineAsync("Restart the service to use it: sudo systemctl restart citybrain-edge");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
            {
                return TechnicianErrors.Report(ex, "provision", error);
            }
        });
        return command;
    }

    private static bool TryParseBroker(string text, out string host, out int port)
    {
        var colon = text.LastIndexOf(':');
        host = colon < 0 ? text : text[..colon];
        port = 1883;
        return host.Length > 0 && (colon < 0 || int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536);
    }

    /// <summary>The current file, so that provisioning keeps the sensors and everything else already in it.</summary>
    private static JsonObject Existing(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new ConfigurationException($"the configuration file {path} does not hold a JSON object: move it aside and provision again");
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"the configuration file {path} is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')}): fix it or move it aside, then provision again", ex);
        }
    }

    /// <summary>Written next to the target and renamed over it, owner-only from the start.</summary>
    private static void Write(string path, string json)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        // A leftover from an interrupted run would keep its old permissions; the new file is created owner-only.
        File.Delete(temporary);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, create))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(json));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, full, overwrite: true);
    }
}
