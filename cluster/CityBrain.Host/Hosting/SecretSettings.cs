namespace CityBrain.Host.Hosting;

/// <summary>Settings whose values are secrets, which a process must not take on its command line: every user of the
/// machine reads it (<c>ps</c>, /proc/PID/cmdline), and shells keep it in their history. They come from the
/// environment (<c>Broker__FleetSecret</c>; /proc/PID/environ is readable by the process's owner only) or from a file
/// named by the setting with <c>File</c> appended (<c>Broker:FleetSecretFile</c>).</summary>
/// <remarks>Only the process's own command line is checked (<see cref="HostProgram"/>): arguments a test or the demo
/// hands to <see cref="CityBrainHost.Build"/> in code never appear in the process table.</remarks>
public static class SecretSettings
{
    /// <summary>Settings that may name a file holding their value instead.</summary>
    private static readonly string[] FileBacked = ["Broker:FleetSecret", "Postgres:ConnectionString", "Cluster:Redis"];

    /// <summary>One sentence naming the first secret setting on <paramref name="args"/> and where it belongs instead;
    /// null when there is none.</summary>
    public static string? RefusalFor(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args, CommandLine.Switches.ToDictionary()).Build();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is null || !IsSecret(key, value)) continue;
            var file = FileBacked.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) is { } backed
                ? $" or in a file named by --{backed}File=PATH"
                : "";
            return $"{key} holds a secret and was given on the command line, where every user of this machine can read it: " +
                $"set it in the environment ({key.Replace(":", "__", StringComparison.Ordinal)}=...){file}.";
        }
        return null;
    }

    /// <summary>Replaces each <c>…File</c> setting of <paramref name="configuration"/> by the trimmed content of the file
    /// it names.</summary>
    /// <exception cref="HostConfigurationException">A named file cannot be read.</exception>
    public static void ReadFiles(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var key in FileBacked)
        {
            if (configuration[key + "File"] is not { Length: > 0 } path) continue;
            try
            {
                configuration[key] = File.ReadAllText(path).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{key}File: cannot read {path}: {ex.Message}");
            }
        }
        if (problems.Count > 0) throw new HostConfigurationException(problems);
    }

    /// <summary>The settings of a verb such as <c>credentials</c>: the environment, then its command line, then the files
    /// <c>…File</c> settings name.</summary>
    public static IConfigurationRoot Configuration(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args, CommandLine.Switches.ToDictionary()).Build();
        ReadFiles(configuration);
        return configuration;
    }

    private static bool IsSecret(string key, string value)
    {
        if (key.StartsWith("Broker:ServiceAccounts:", StringComparison.OrdinalIgnoreCase)) return true;
        var name = key[(key.LastIndexOf(':') + 1)..];
        if (name.EndsWith("File", StringComparison.OrdinalIgnoreCase)) return false;
        if (name.Contains("secret", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase)) return true;
        // Connection strings are secret when they carry a password (PostgreSQL's Password=, Redis's password=).
        return value.Contains("password=", StringComparison.OrdinalIgnoreCase);
    }
}
