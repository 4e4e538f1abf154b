using CityBrain.Grains.Regions;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Figures;

/// <summary>The year's targets the headline figures are set against (section <c>Figures</c>):
/// <c>"Figures": { "Pm25Target": 35, "Pm25Targets": { "city-a": 30, "district-7": 28 } }</c>. A place without a target of
/// its own has its nearest ancestor's, and the root the general one.</summary>
public sealed class FiguresOptions
{
    public const string Section = "Figures";

    /// <summary>µg/m³ as an annual mean; 35 is GB 3095-2012's grade II annual limit, the target where none is set.</summary>
    public double Pm25Target { get; set; } = 35;

    /// <summary>Targets of particular places by region id, µg/m³.</summary>
    public Dictionary<string, double> Pm25Targets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The target of <paramref name="id"/>: its own, its nearest ancestor's, or the general one.</summary>
    public double Pm25TargetOf(string id, RegionCatalog catalog)
    {
        foreach (var place in catalog.Tree.PathTo(id).Reverse())
        {
            if (Pm25Targets.TryGetValue(place.Id, out var target)) return target;
        }
        return Pm25Target;
    }
}

public sealed class FiguresOptionsValidator(RegionCatalog catalog) : IValidateOptions<FiguresOptions>
{
    public ValidateOptionsResult Validate(string? name, FiguresOptions options)
    {
        var problems = new List<string>();
        if (!IsConcentration(options.Pm25Target)) problems.Add($"{FiguresOptions.Section}:Pm25Target {options.Pm25Target} is not a PM2.5 annual mean in µg/m³ (above 0, at most 1000)");
        foreach (var (id, target) in options.Pm25Targets)
        {
            var setting = $"{FiguresOptions.Section}:Pm25Targets:{id}";
            if (!catalog.Tree.Contains(id)) problems.Add($"{setting}: '{id}' is not a region of '{catalog.Root.Id}'");
            if (!IsConcentration(target)) problems.Add($"{setting} {target} is not a PM2.5 annual mean in µg/m³ (above 0, at most 1000)");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsConcentration(double value) => value is > 0 and <= 1000;
}
