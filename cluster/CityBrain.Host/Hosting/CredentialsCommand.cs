using System.Globalization;
using CityBrain.Contracts.Topics;
using CityBrain.Grains.Regions;
using CityBrain.Storage.Credentials;
using CityBrain.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Hosting;

/// <summary><c>CityBrain.Host credentials add | list | rotate | revoke</c>: a gateway's password lifecycle. Passwords are
/// generated and printed once (the technician enters them with <c>citybrain-edge provision</c>); the store keeps only
/// their hashes. It works on the store of the host its settings describe: the data directory's SQLite file, or with
/// <c>--mode=Cluster</c> the shared PostgreSQL. A running host does not have to stop: it does not take the data
/// directory's lock, SQLite serialises the writes, and every running node reads the change within a second and
/// disconnects a rotated or revoked device.</summary>
public static class CredentialsCommand
{
    public const string Usage = """
        usage: CityBrain.Host credentials add DEVICE --district DISTRICT   a new gateway: prints its password once
               CityBrain.Host credentials list [--district DISTRICT]     devices with created, rotated, revoked times
               CityBrain.Host credentials rotate DEVICE                  a new password; the old one stops working
               CityBrain.Host credentials revoke DEVICE                  the device can no longer log in
        options, each verb: the store of the host: [--data DIR] [--city FILE], or --mode=Cluster with the PostgreSQL
        connection string in Postgres__ConnectionString or a file named by --Postgres:ConnectionStringFile.
        A running host need not stop: it reads the change within a second.
        Exit codes: 0 done, 1 no such device, 2 a usage or settings mistake.
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "credentials";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (CommandLine.AsksForHelp(args))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }
        var (verb, device, rest) = args switch
        {
            ["credentials", "list", .. var more] => ("list", null, more),
            ["credentials", var v, var d, .. var more] when !d.StartsWith('-') => (v, d, more),
            _ => (null, null, Array.Empty<string>()),
        };
        if (verb is not ("add" or "list" or "rotate" or "revoke") || (verb == "add" && Option(rest, "--district") is null))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        if (device is not null && !Identifier.IsValid(device))
        {
            await error.WriteLineAsync($"'{device}' is not a valid device id: use 1-{Identifier.MaxLength} lower-case letters, digits, '-' or '_'.");
            return 2;
        }
        var configuration = SecretSettings.Configuration(rest);
        var options = configuration.GetSection(CityBrainOptions.Section).Get<CityBrainOptions>() ?? new CityBrainOptions();
        var district = Option(rest, "--district");
        if (district is not null)
        {
            var regions = RegionLoading.Load(options).Tree;
            if (!regions.IsLeaf(district))
            {
                await error.WriteLineAsync($"District '{district}' is not a district of '{regions.Root.Id}'; known districts: {string.Join(", ", regions.Leaves.Select(d => d.Id))}.");
                return 2;
            }
        }
        try
        {
            await using var services = await CredentialServicesAsync(configuration, options);
            var store = services.GetRequiredService<ICredentialStore>();
            var now = DateTimeOffset.UtcNow;
            switch (verb)
            {
                case "add":
                    var password = await store.ProvisionAsync(device!, district!, now);
                    await output.WriteLineAsync($"device {device} in {district}: password {password}");
                    await output.WriteLineAsync("Give it to the gateway with citybrain-edge provision (it reads the password from a file or stdin). It is not shown again.");
                    return 0;
                case "rotate":
                    if (await store.RotateAsync(device!, now) is not { } fresh) return await NoSuchDeviceAsync(error, device!);
                    await output.WriteLineAsync($"device {device}: new password {fresh}");
                    await output.WriteLineAsync("The old password no longer works and connected sessions of the device are closed. The new one is not shown again.");
                    return 0;
                case "revoke":
                    if (!await store.RevokeAsync(device!, now)) return await NoSuchDeviceAsync(error, device!);
                    await output.WriteLineAsync($"device {device}: revoked; its sessions are closed and it can no longer log in.");
                    return 0;
                default:
                    await WriteListAsync(output, await store.ListAsync(district));
                    return 0;
            }
        }
        catch (Exception ex) when (ex is OptionsValidationException or PostgresUnavailableException)
        {
            await error.WriteLineAsync($"The credential store could not be used: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> NoSuchDeviceAsync(TextWriter error, string device)
    {
        await error.WriteLineAsync($"Device '{device}' has no credential (never added, or revoked): add it first.");
        return 1;
    }

    private static async Task WriteListAsync(TextWriter output, IReadOnlyList<CredentialSummary> credentials)
    {
        static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
        await output.WriteLineAsync($"{"device",-24} {"district",-16} {"created",-20} {"rotated",-20} {"revoked",-20}");
        foreach (var c in credentials)
        {
            await output.WriteLineAsync($"{c.DeviceId,-24} {c.District,-16} {Time(c.CreatedAt),-20} {Time(c.RotatedAt),-20} {Time(c.RevokedAt),-20}");
        }
        await output.WriteLineAsync($"{credentials.Count} device(s), {credentials.Count(c => c.RevokedAt is null)} with a valid credential");
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
