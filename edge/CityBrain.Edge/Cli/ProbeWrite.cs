using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors.Probe;

namespace CityBrain.Edge.Cli;

/// <summary><c>probe --write</c>: adds the chips a probe found unconfigured to the configuration file's sensors,
/// keeping everything already there. The file is rewritten in place, so it keeps its owner and permissions (the
/// service user must still read it, and it holds the password); the previous version stays beside it as <c>.bak</c>.</summary>
internal static class ProbeWrite
{
    /// <summary>Writes the entries and returns what to tell the technician, one sentence each.</summary>
    /// <exception cref="ConfigurationException">The file is not a JSON object or cannot be written.</exception>
    public static IReadOnlyList<string> Apply(string path, IEnumerable<(ProbeFinding Finding, bool Emulated)> found)
    {
        var full = Path.GetFullPath(path);
        var said = new List<string>();
        var entries = new List<(JsonObject Entry, string Where)>();
        foreach (var (finding, emulated) in found)
        {
            var where = emulated ? $"{finding.Where} (emulated)" : finding.Where;
            if (finding.Types.Count != 1)
            {
                said.Add($"the {finding.Model} at {where} can be {string.Join(" or ", finding.Types)}: add it by hand with its settings (edge/README.md, Configuration)");
                continue;
            }
            var entry = new JsonObject { ["Type"] = finding.Types[0] };
            if (finding.Port is { } port) entry["Port"] = port;
            else
            {
                entry["Bus"] = finding.Bus;
                entry["Address"] = string.Create(CultureInfo.InvariantCulture, $"0x{finding.Address:x2}");
            }
            if (emulated) entry["Emulated"] = true;
            entries.Add((entry, where));
        }
        if (entries.Count == 0)
        {
            said.Add($"nothing added to {full}: every sensor found is configured already");
            return said;
        }
        var text = File.Exists(full) ? File.ReadAllText(full) : null;
        var document = Parse(text, full);
        var gateway = document[GatewayOptions.Section] as JsonObject ?? [];
        document[GatewayOptions.Section] = gateway;
        var sensors = gateway["Sensors"] as JsonArray ?? [];
        gateway["Sensors"] = sensors;
        foreach (var (entry, _) in entries) sensors.Add((JsonNode)entry);
        var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        try
        {
            if (text is null) Create(full, json);
            else Rewrite(full, text, json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"the configuration file {full} could not be written ({ex.Message.TrimEnd('.')}): run probe --write as the file's owner (sudo)", ex);
        }
        said.AddRange(entries.Select(e => $"added a {e.Entry["Type"]} at {e.Where} to {full}"));
        if (text is not null && HasComments(text)) said.Add($"the file's comments are not kept; they are in {full}.bak");
        said.Add("restart the service to use them: sudo systemctl restart citybrain-edge");
        return said;
    }

    private static JsonObject Parse(string? text, string path)
    {
        if (text is null) return [];
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new ConfigurationException($"the configuration file {path} does not hold a JSON object: correct it, then probe --write again");
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"the configuration file {path} is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')}): correct it, then probe --write again", ex);
        }
    }

    private static bool HasComments(string text)
    {
        try
        {
            JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>A new file is the owner's only: a configuration holds the broker password once provisioned.</summary>
    private static void Create(string path, string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, create);
        file.Write(System.Text.Encoding.UTF8.GetBytes(json));
        file.Flush(flushToDisk: true);
    }

    /// <summary>The old content is saved first (owner-only, as it holds the password), so that a power cut while the
    /// file is rewritten leaves it recoverable; the file itself is truncated and written, keeping its owner and mode.</summary>
    private static void Rewrite(string path, string old, string json)
    {
        var backup = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) backup.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var copy = new FileStream(path + ".bak", backup))
        {
            copy.Write(System.Text.Encoding.UTF8.GetBytes(old));
            copy.Flush(flushToDisk: true);
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(0);
        file.Write(System.Text.Encoding.UTF8.GetBytes(json));
        file.Flush(flushToDisk: true);
    }
}
