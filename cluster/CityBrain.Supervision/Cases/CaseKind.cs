using CityBrain.Indicators.Alerts;

namespace CityBrain.Supervision.Cases;

/// <summary>What a case is about, which decides who handles it: air pollution goes to the ecology bureau, noise to
/// urban management, a silent or faulty monitor to the monitoring station (by configuration, per region).</summary>
public enum CaseKind
{
    Air,
    Noise,
    Device,
}

public static class CaseKinds
{
    public static CaseKind Of(AlertKind kind) => kind switch
    {
        AlertKind.AirPolluted or AlertKind.PollutantOverLimit => CaseKind.Air,
        AlertKind.NoiseOverLimit => CaseKind.Noise,
        _ => CaseKind.Device,
    };

    /// <summary>The configuration and API name: <c>air</c>, <c>noise</c>, <c>device</c>.</summary>
    public static string Name(this CaseKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out CaseKind kind) =>
        Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _);
}
