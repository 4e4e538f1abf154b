using CityBrain.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Noise;

/// <summary>Devices that watch a noise source (a construction site, a plant's boundary, a venue) and the background
/// their levels are corrected for (HJ 706-2014), by device id (section <c>NoiseSources</c>):
/// <c>"NoiseSources": { "Sites": { "gw-0042": { "Background": 52.5 }, "gw-0043": { "BackgroundDevice": "gw-0044" } } }</c>.</summary>
public sealed class NoiseSourceOptions
{
    public const string Section = "NoiseSources";

    public Dictionary<string, NoiseSourceSite> Sites { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Where one site's background level comes from: exactly one of the two.</summary>
public sealed class NoiseSourceSite
{
    /// <summary>The background measured at the site with the source off (a technician's measurement), dB(A).</summary>
    public double? Background { get; set; }

    /// <summary>A second meter that measures the background hour by hour: at a point with the same surroundings, out of
    /// the source's reach (or the same point's meter while the source is moved away).</summary>
    public string? BackgroundDevice { get; set; }
}

public sealed class NoiseSourceOptionsValidator : IValidateOptions<NoiseSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, NoiseSourceOptions options)
    {
        var problems = options.Sites.SelectMany(site => Problems(site.Key, site.Value)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(string device, NoiseSourceSite site)
    {
        var setting = $"{NoiseSourceOptions.Section}:Sites:{device}";
        if (!Identifier.IsValid(device)) yield return $"{setting}: '{device}' is not a device id";
        if (site.Background.HasValue == (site.BackgroundDevice is not null))
        {
            yield return $"{setting} needs exactly one of Background (dB(A), measured with the source off) and BackgroundDevice (a meter measuring the background)";
        }
        if (site.Background is { } level && !(level is >= 0 and <= 200))
        {
            yield return $"{setting}:Background {level} is not a sound level in dB(A) (0..200)";
        }
        if (site.BackgroundDevice is { } reference)
        {
            if (!Identifier.IsValid(reference)) yield return $"{setting}:BackgroundDevice '{reference}' is not a device id";
            else if (reference == device) yield return $"{setting}:BackgroundDevice is the site's own device: the background must be measured without the source";
        }
    }
}
