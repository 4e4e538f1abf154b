using CityBrain.Contracts.Topics;
using CityBrain.Grains.Regions;
using CityBrain.Storage.Credentials;

namespace CityBrain.Host.Hosting;

/// <summary><c>CityBrain.Host credentials add DEVICE --district ID [--data DIR] [--city FILE]</c>: creates or
/// replaces a gateway's password and prints it once. The technician enters it with <c>citybrain-edge provision</c>;
/// the cluster keeps only its hash.</summary>
public static class ProvisioningCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "credentials";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["credentials", "add", var device, .. var rest] || Option(rest, "--district") is not { } district)
        {
            await error.WriteLineAsync("usage: CityBrain.Host credentials add DEVICE --district DISTRICT [--data DIR] [--city FILE]");
            return 2;
        }
        if (!Identifier.IsValid(device))
        {
            await error.WriteLineAsync($"'{device}' is not a valid device id: use 1-{Identifier.MaxLength} lower-case letters, digits, '-' or '_'.");
            return 2;
        }
        var defaults = new CityBrainOptions();
        var city = CityFile.Load(Option(rest, "--city") ?? defaults.CityFile);
        if (!city.Districts.Any(d => d.Id == district))
        {
            await error.WriteLineAsync($"District '{district}' is not in city '{city.Id}'; known districts: {string.Join(", ", city.Districts.Select(d => d.Id))}.");
            return 2;
        }
        var data = Option(rest, "--data") ?? defaults.DataDirectory;
        var store = new SqliteCredentialStore(Path.Combine(data, "credentials.db"));
        var password = await store.ProvisionAsync(device, district, DateTimeOffset.UtcNow);
        await output.WriteLineAsync($"device {device} in {district}: password {password}");
        await output.WriteLineAsync("Give it to the gateway with: citybrain-edge provision ... --password <that password>. It is not shown again.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        }
        return null;
    }
}
