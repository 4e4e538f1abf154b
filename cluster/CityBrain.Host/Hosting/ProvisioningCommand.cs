using CityBrain.Contracts.Topics;
using CityBrain.Grains.Regions;
using CityBrain.Storage.Credentials;
using CityBrain.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Hosting;

/// <summary><c>CityBrain.Host credentials add DEVICE --district ID [--data DIR] [--city FILE]</c>: creates or
/// replaces a gateway's password and prints it once. The technician enters it with <c>citybrain-edge provision</c>;
/// the cluster keeps only its hash. With <c>--mode=Cluster --postgres=…</c> it writes to the cluster's shared store, so
/// every silo knows the gateway at once. A running host does not have to stop for it.</summary>
public static class ProvisioningCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "credentials";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["credentials", "add", var device, .. var rest] || Option(rest, "--district") is not { } district)
        {
            await error.WriteLineAsync("usage: CityBrain.Host credentials add DEVICE --district DISTRICT [--data DIR] [--city FILE] [--mode=Cluster --postgres=CONNECTION]");
            return 2;
        }
        if (!Identifier.IsValid(device))
        {
            await error.WriteLineAsync($"'{device}' is not a valid device id: use 1-{Identifier.MaxLength} lower-case letters, digits, '-' or '_'.");
            return 2;
        }
        var configuration = new ConfigurationBuilder().AddCommandLine(rest, CommandLine.Switches.ToDictionary()).Build();
        var options = configuration.GetSection(CityBrainOptions.Section).Get<CityBrainOptions>() ?? new CityBrainOptions();
        var city = CityFile.Load(options.CityFile);
        if (!city.Districts.Any(d => d.Id == district))
        {
            await error.WriteLineAsync($"District '{district}' is not in city '{city.Id}'; known districts: {string.Join(", ", city.Districts.Select(d => d.Id))}.");
            return 2;
        }
        string password;
        try
        {
            await using var services = await CredentialServicesAsync(configuration, options);
            password = await services.GetRequiredService<ICredentialStore>().ProvisionAsync(device, district, DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is OptionsValidationException or PostgresUnavailableException)
        {
            await error.WriteLineAsync($"The credential was not stored: {ex.Message}");
            return 2;
        }
        await output.WriteLineAsync($"device {device} in {district}: password {password}");
        await output.WriteLineAsync("Give it to the gateway with: citybrain-edge provision ... --password <that password>. It is not shown again.");
        return 0;
    }

    /// <summary>The credential store the host of these settings uses: its SQLite file, or the cluster's PostgreSQL
    /// (migrated first, as a starting silo would).</summary>
    private static async Task<ServiceProvider> CredentialServicesAsync(IConfiguration configuration, CityBrainOptions options)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(configuration);
        if (options.Mode == HostMode.Cluster) services.AddPostgresStores();
        else services.AddSingleton<ICredentialStore>(new SqliteCredentialStore(options.DataPath("credentials.db")));
        var provider = services.BuildServiceProvider();
        if (options.Mode == HostMode.Cluster) await provider.GetRequiredService<PostgresDatabase>().EnsureMigratedAsync(CancellationToken.None);
        return provider;
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
