using System.Globalization;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Scenarios.Json;

namespace CityBrain.Simulators.Fleet.Faults;

/// <summary>Faults written on a command line: <c>kind[:field=value,…]</c> with the fields of a scenario file's faults,
/// lists joined by <c>+</c>. <c>corrupt:rate=0.01,share=0.2</c>, <c>offline:districts=haidian+chaoyang,start=+10m,duration=5m</c>,
/// <c>clockSkew:gateways=sim-haidian-0001,skew=+10m</c>. Checked by the same rules as a scenario file's faults.</summary>
public static class FaultSpecs
{
    public const string Syntax = "kind[:field=value,...], e.g. offline:share=0.1,start=+10m,duration=5m";

    public static (FaultScenario? Fault, IReadOnlyList<ScenarioError> Errors) Parse(string spec, IEnumerable<string> districtIds)
    {
        var field = $"fault '{spec}'";
        var (kind, rest) = spec.IndexOf(':') is var colon and >= 0 ? (spec[..colon], spec[(colon + 1)..]) : (spec, "");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) return Error(field, $"'{pair}' is not field=value ({Syntax})");
            if (!values.TryAdd(pair[..eq], pair[(eq + 1)..])) return Error(field, $"'{pair[..eq]}' is given twice");
        }
        var known = new[] { "gateways", "districts", "share", "start", "duration", "rate", "quantities", "skew", "perHour" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return Error(field, $"'{unknown}' is not a fault field; use {string.Join(", ", known)}");
        }
        var numbers = new Dictionary<string, double>();
        foreach (var name in new[] { "share", "rate", "perHour" }.Where(values.ContainsKey))
        {
            if (!double.TryParse(values[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return Error(field, $"{name} '{values[name]}' is not a number");
            }
            numbers[name] = number;
        }
        var document = new FaultDocument
        {
            Kind = kind.Trim(),
            Gateways = List(values, "gateways"),
            Districts = List(values, "districts"),
            Share = numbers.TryGetValue("share", out var share) ? share : null,
            Start = values.GetValueOrDefault("start"),
            Duration = values.GetValueOrDefault("duration"),
            Rate = numbers.TryGetValue("rate", out var rate) ? rate : null,
            Quantities = List(values, "quantities"),
            Skew = values.GetValueOrDefault("skew"),
            PerHour = numbers.TryGetValue("perHour", out var perHour) ? perHour : null,
        };
        return ScenarioCompiler.CompileFault(document, field, districtIds);
    }

    private static List<string>? List(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var v) ? v.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() : null;

    private static (FaultScenario?, IReadOnlyList<ScenarioError>) Error(string field, string problem) => (null, [new ScenarioError(field, problem)]);
}
