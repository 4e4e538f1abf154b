using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CityBrain.Simulators.Fleet.Time;
using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Cli;

/// <summary>Options whose values need more than a type conversion, each with the one-sentence error the user sees.</summary>
internal static class CliParsers
{
    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "duration",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Durations.TryParse(text, out var d) && d > TimeSpan.Zero) return d;
            result.AddError($"{name}: '{text}' is not a positive duration ({Durations.Examples})");
            return null;
        },
    };

    public static Option<BrokerEndpoint> Broker() => new("--broker")
    {
        Description = "The MQTT broker as host:port",
        HelpName = "host:port",
        DefaultValueFactory = _ => new BrokerEndpoint("127.0.0.1", 1883),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var colon = text.LastIndexOf(':');
            if (colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            {
                return new BrokerEndpoint(text[..colon], port);
            }
            result.AddError($"--broker: '{text}' is not host:port, e.g. 127.0.0.1:1883");
            return null!;
        },
    };

    /// <summary>An absolute time with its offset, or a time before now such as <c>-1d</c>.</summary>
    public static Option<DateTimeOffset?> Start() => new("--start")
    {
        Description = "Simulated start: an ISO time with offset (2026-11-23T06:00:00+08:00) or a time ago (-1d); default now, or the recent past for an accelerated run",
        HelpName = "time",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (text.StartsWith('-') && Durations.TryParse(text, out var ago)) return DateTimeOffset.UtcNow + ago;
            if (ScenarioInstant.TryParse(text, out var instant) && instant.At is { } at) return at;
            result.AddError($"--start: '{text}' is neither an ISO time with its offset (2026-11-23T06:00:00+08:00) nor a time ago such as -1d");
            return null;
        },
    };

    public static Option<List<string>> CommaList(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
    };

    public static Option<int?> Positive(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "n" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError($"{name}: must be at least 1");
        });
        return option;
    }
}
