using System.CommandLine;
using System.CommandLine.Parsing;
using CityBrain.Edge.Link;
using CityBrain.Simulators.Fleet.Time;

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

    public static Option<List<string>> Brokers() => new("--broker")
    {
        Description = "The MQTT broker as host:port; for a cluster whose nodes each have one, all of them separated by commas " +
            "(gateway uplink: every gateway starts at one of them and fails over to the others)",
        HelpName = "host:port[,host:port...]",
        DefaultValueFactory = _ => ["127.0.0.1:1883"],
        CustomParser = result =>
        {
            var brokers = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (brokers.FirstOrDefault(text => !BrokerAddress.TryParse(text, null, out _, out _)) is { } bad)
            {
                result.AddError($"--broker: '{bad}' is not host:port, e.g. 127.0.0.1:1883");
            }
            return brokers;
        },
    };

    public static Option<Uri> HttpBase(string name, string description, string fallback) => new(name)
    {
        Description = description,
        HelpName = "url",
        DefaultValueFactory = _ => new Uri(fallback),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
            result.AddError($"{name}: '{text}' is not an http:// or https:// address, e.g. {fallback}");
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
