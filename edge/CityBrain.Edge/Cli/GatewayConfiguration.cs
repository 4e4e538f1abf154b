using System.Text.Json;
using CityBrain.Edge.Configuration;
using Microsoft.Extensions.Configuration;

namespace CityBrain.Edge.Cli;

/// <summary>Where every command finds the gateway's configuration: the provisioned file (<c>--config</c>, else
/// <c>$CITYBRAIN_EDGE_CONFIG</c>, else <c>/etc/citybrain-edge/gateway.json</c>), then environment variables with the
/// prefix <c>CITYBRAIN_EDGE_</c> (e.g. <c>CITYBRAIN_EDGE_Gateway__Broker__Password</c>), then <c>--Gateway:Key=value</c>
/// overrides on the command line. The application's own appsettings.json holds only logging defaults.</summary>
public static class GatewayConfiguration
{
    public const string DefaultPath = "/etc/citybrain-edge/gateway.json";
    public const string PathVariable = "CITYBRAIN_EDGE_CONFIG";
    public const string EnvironmentPrefix = "CITYBRAIN_EDGE_";

    public static string ResolvePath(string? path) => path ?? Environment.GetEnvironmentVariable(PathVariable) ?? DefaultPath;

    /// <exception cref="ConfigurationException">The file is missing or is not valid JSON.</exception>
    public static IConfigurationRoot Build(string path, IEnumerable<string> overrides)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"there is no configuration at {path}: provision the gateway first (citybrain-edge provision --device ... --district ... --broker ...), or give the file with --config");
        }
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddJsonFile(Path.GetFullPath(path), optional: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .AddCommandLine(overrides.ToArray())
                .Build();
        }
        catch (InvalidDataException ex)
        {
            // The JSON reader's own complaint sits a few wrappers deep, with the line it stopped at.
            var json = Causes(ex).OfType<JsonException>().FirstOrDefault();
            var detail = json is null ? ex.Message.TrimEnd('.') : $"{json.Message.Split(" LineNumber:")[0].TrimEnd('.', ' ')} (line {json.LineNumber + 1})";
            throw new ConfigurationException($"the configuration file {path} is not valid JSON: {detail}; fix it or provision again", ex);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationException($"a command-line setting is malformed ({ex.Message}); write it as --Gateway:Key=value", ex);
        }
    }

    private static IEnumerable<Exception> Causes(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException) yield return ex;
    }

    /// <summary>The gateway section, bound and checked.</summary>
    /// <exception cref="ConfigurationException">A value has the wrong type or the options are invalid.</exception>
    public static GatewayOptions Load(IConfiguration configuration, string path)
    {
        var options = Bind(configuration, path);
        var problems = GatewayOptionsValidator.Problems(options).ToList();
        if (problems.Count > 0) throw new ConfigurationException($"{string.Join("; ", problems)} (in {path})");
        return options;
    }

    /// <summary>Binds without validating: for commands that need only part of it (status needs the data directory).
    /// Unknown keys and unreadable values are errors all the same (<see cref="ConfigurationSchema"/>).</summary>
    /// <exception cref="ConfigurationException">A key is not a setting or a value cannot be read.</exception>
    public static GatewayOptions Bind(IConfiguration configuration, string path)
    {
        ConfigurationSchema.Apply(configuration, path);
        var options = new GatewayOptions();
        try
        {
            configuration.GetSection(GatewayOptions.Section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // A type the schema does not know how to check: "Failed to convert configuration value 'abc' at 'Gateway:X' to type 'T'."
            throw new ConfigurationException($"{ex.Message.TrimEnd('.')} (in {path})", ex);
        }
        return options;
    }
}
