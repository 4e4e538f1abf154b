using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Time;

namespace CityBrain.Simulators.Fleet.Faults;

/// <summary>The faults a scenario can inject, by the names used in scenario files and on the command line.</summary>
public enum FaultKind
{
    /// <summary>The gateway loses its link for a while; what it measured meanwhile waits in its outbox.</summary>
    Offline,
    /// <summary>A sensor repeats the value it had when the fault began.</summary>
    Stuck,
    /// <summary>A sensor's readings drift away from the truth by a fraction per hour.</summary>
    Drift,
    /// <summary>A sensor stops answering: its readings are invalid without a value, and the gateway counts the errors
    /// in its health.</summary>
    Failing,
    /// <summary>Some reports leave the gateway as broken payloads.</summary>
    Corrupt,
    /// <summary>Some reports are delivered twice, as after a lost PUBACK.</summary>
    Duplicate,
    /// <summary>The gateway's clock is off: its report timestamps are shifted.</summary>
    ClockSkew,
    /// <summary>The gateway publishes under another gateway's topic.</summary>
    ForeignTopic,
}

public static class FaultKinds
{
    public static readonly IReadOnlyDictionary<string, FaultKind> ByName = new Dictionary<string, FaultKind>(StringComparer.Ordinal)
    {
        ["offline"] = FaultKind.Offline,
        ["stuck"] = FaultKind.Stuck,
        ["drift"] = FaultKind.Drift,
        ["failing"] = FaultKind.Failing,
        ["corrupt"] = FaultKind.Corrupt,
        ["duplicate"] = FaultKind.Duplicate,
        ["clockSkew"] = FaultKind.ClockSkew,
        ["foreignTopic"] = FaultKind.ForeignTopic,
    };

    public static string Name(this FaultKind kind) => ByName.First(kv => kv.Value == kind).Key;
}

/// <summary>Which gateways a fault hits: named ones, every one of some districts, and/or a seeded share of the fleet.</summary>
public sealed record GatewaySelector(IReadOnlyList<string> Gateways, IReadOnlyList<string> Districts, double? Share)
{
    public override string ToString() => string.Join(", ", new[]
    {
        Gateways.Count > 0 ? $"gateways {string.Join(' ', Gateways)}" : null,
        Districts.Count > 0 ? $"districts {string.Join(' ', Districts)}" : null,
        Share is { } s ? $"{s:P0} of the fleet" : null,
    }.OfType<string>());
}

/// <summary>When a fault is active; without a duration it lasts to the end of the run.</summary>
public sealed record FaultWindow(ScenarioInstant Start, TimeSpan? Duration)
{
    public static FaultWindow WholeRun { get; } = new(ScenarioInstant.AtStart, null);
}

/// <summary>One fault of a scenario. <see cref="Rate"/> is the share of a targeted gateway's reports it affects
/// (corrupt, duplicate, foreign topic); the others affect every report in the window.</summary>
public sealed record FaultScenario(
    FaultKind Kind,
    GatewaySelector Targets,
    FaultWindow Window,
    double Rate = 1,
    IReadOnlyList<Quantity>? Quantities = null,
    TimeSpan Skew = default,
    double PerHour = 0)
{
    public override string ToString() => Kind switch
    {
        FaultKind.ClockSkew => $"{Kind.Name()} {(Skew > TimeSpan.Zero ? "+" : "")}{Durations.Format(Skew)} on {Targets}",
        FaultKind.Drift => $"{Kind.Name()} {PerHour:+0.###;-0.###}/h on {Targets}",
        _ when Rate < 1 => $"{Kind.Name()} ({Rate:P1} of reports) on {Targets}",
        _ => $"{Kind.Name()} on {Targets}",
    };
}
