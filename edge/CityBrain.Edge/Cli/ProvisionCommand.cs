using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Link;
using Microsoft.Extensions.Configuration;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge provision</c>: writes the gateway's identity (device id, district, site name and position), brokers and
/// credentials into its configuration file, keeping everything else in it (sensors, intervals), after checking the
/// values and that every broker accepts the credentials. The file is readable by its owner only: it holds the password.</summary>
internal static class ProvisionCommand
{
    public static Command Create(Option<string?> config)
    {
        var device = new Option<string>("--device") { Description = "The gateway's device id, as registered in the cluster", Required = true, HelpName = "id" };
        var district = new Option<string>("--district") { Description = "The district the gateway stands in", Required = true, HelpName = "id" };
        var broker = new Option<string>("--broker")
        {
            Description = "The MQTT broker as host or host:port (port 1883 if left out); several, separated by commas, for a cluster whose nodes each have one",
            Required = true,
            HelpName = "host:port[,host:port...]",
        };
        var password = new Option<string?>("--password") { Description = "The password the cluster issued for the device; - reads it from standard input (not needed with --client-cert)" };
        var site = new Option<string?>("--site") { Description = "The monitoring site's name, as the bureau calls it, e.g. 奥体中心", HelpName = "name" };
        var latitude = new Option<double?>("--lat") { Description = "Latitude of the site, decimal degrees" };
        var longitude = new Option<double?>("--lon") { Description = "Longitude of the site, decimal degrees" };
        var data = new Option<string?>("--data-dir") { Description = "Where the outbox and status live (default /var/lib/citybrain-edge)", HelpName = "dir" };
        var offline = new Option<bool>("--offline") { Description = "Write the configuration without checking the broker (no network yet)" };
        var tls = new ProvisionTls();
        var command = new Command("provision", "Write and check the gateway's identity, site, broker and credentials")
        {
            device, district, broker, password, site, latitude, longitude, data, offline,
        };
        foreach (var option in tls.Options) command.Options.Add(option);
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
                var brokers = new List<BrokerAddress>();
                foreach (var text in result.GetRequiredValue(broker).Split(','))
                {
                    if (!BrokerAddress.TryParse(text, tls.Wanted(result) ? LinkTls.MqttsPort : BrokerAddress.MqttPort, out var address, out var problem))
                    {
                        return TechnicianErrors.Say(error, "provision", $"--broker '{text.Trim()}' is not host or host:port, e.g. 10.0.0.5:1883 ({problem})", ExitCodes.Configuration);
                    }
                    brokers.Add(address);
                }
                var secret = result.GetValue(password) == "-" ? (await Console.In.ReadLineAsync(cancellationToken))?.Trim() ?? "" : result.GetValue(password) ?? "";
                var document = Existing(path);
                var gateway = document[GatewayOptions.Section] as JsonObject ?? [];
                document[GatewayOptions.Section] = gateway;
                gateway["DeviceId"] = result.GetRequiredValue(device);
                gateway["District"] = result.GetRequiredValue(district);
                if (result.GetValue(site) is { } siteName) gateway["Site"] = siteName;
                if (result.GetValue(latitude) is { } lat && result.GetValue(longitude) is { } lon) gateway["Position"] = new JsonObject { ["Latitude"] = lat, ["Longitude"] = lon };
                if (result.GetValue(data) is { } dataDirectory) gateway["DataDirectory"] = dataDirectory;
                else gateway["DataDirectory"] ??= "/var/lib/citybrain-edge";
                var brokerNode = gateway["Broker"] as JsonObject ?? [];
                gateway["Broker"] = brokerNode;
                WriteBrokers(brokerNode, brokers);
                brokerNode["Password"] = secret;
                tls.Configure(result, brokerNode, tls.GivenAuthority(result));
                var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

                var options = GatewayConfiguration.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build(), path);
                if (string.IsNullOrEmpty(secret) && !tls.HasClientCertificate(result))
                {
                    return TechnicianErrors.Say(error, "provision", "the password is empty: give the one the cluster issued for the device (--password), or a device certificate (--client-cert and --client-key)", ExitCodes.Configuration);
                }
                var checkedBroker = false;
                if (!result.GetValue(offline))
                {
                    var (code, problem) = (await BrokerCheck.RunAsync(options.Link(), cancellationToken)).First;
                    if (problem is not null) return TechnicianErrors.Say(error, "provision", $"{problem}; nothing was written (--offline writes without this check)", code);
                    checkedBroker = true;
                }
                if (tls.CopyAuthority(result, path) is { } copied)
                {
                    tls.Configure(result, brokerNode, copied);
                    json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                }
                Write(path, json);
                await output.WriteLineAsync($"Provisioned {options.DeviceId} in {options.District}" +
                    (options.Site is { } name ? $", site {name}" : "") +
                    (options.Position is { } p ? string.Create(CultureInfo.InvariantCulture, $"{(options.Site is null ? "" : ",")} at {p.Latitude}, {p.Longitude}") : "") + ".");
                var where = brokers.Count == 1 ? $"The broker at {brokers[0]}" : $"The brokers at {string.Join(", ", brokers)}";
                await output.WriteLineAsync(checkedBroker ? $"{where} accepted the credentials." : $"{where} {(brokers.Count == 1 ? "was" : "were")} not checked (--offline).");
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

    /// <summary>One broker as Host and Port, several as Endpoints; whichever the file held before goes, so the two never conflict.</summary>
    private static void WriteBrokers(JsonObject node, IReadOnlyList<BrokerAddress> brokers)
    {
        foreach (var key in new[] { "Host", "Port", "Endpoints" }) node.Remove(key);
        if (brokers.Count == 1)
        {
            node["Host"] = brokers[0].Host;
            node["Port"] = brokers[0].Port;
        }
        else
        {
            node["Endpoints"] = new JsonArray([.. brokers.Select(b => JsonValue.Create(b.ToString()))]);
        }
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

    /// <summary>Written next to the target and renamed over it, owner-only from the start; then readable by the
    /// service's group (root:citybrain 0640) when that group exists, so the service and its group's members can read
    /// it and nobody else can read the password in it.</summary>
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
        if (!OperatingSystem.IsWindows() && ServiceAccount.GroupId() is { } group && ServiceAccount.TryChown(temporary, -1, group))
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }
        File.Move(temporary, full, overwrite: true);
    }
}
