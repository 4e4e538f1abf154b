using System.Globalization;
using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Checks;

/// <summary>One way of holding the cluster's indicators against the ground truth: the latest values (district means from
/// <c>/api/regions/{id}</c>, device values from <c>/api/devices/{id}</c>) and the districts' hourly means from the history API.</summary>
public interface IClusterCheck
{
    /// <summary>The name used on the command line (<c>--checks</c>).</summary>
    string Name { get; }

    Task<IReadOnlyList<CheckFinding>> RunAsync(GroundTruthReader truth, CityApiClient api, CancellationToken cancellationToken);

    /// <summary>When the cluster has had the time its own rules take to settle everything this check compares (an hour is
    /// final only once the host closed it); the runner waits for it, within its bound.</summary>
    DateTimeOffset SettledBy(GroundTruthReader truth) => DateTimeOffset.MinValue;
}

/// <summary>One comparison: what the ground truth expects, what the cluster shows, and whether they agree.</summary>
/// <param name="Undecided">The comparison cannot be made yet or at all (an hour the host has not closed, a district shared
/// with gateways of another fleet); <see cref="Note"/> says why. It counts neither as agreeing nor as a mismatch.</param>
public sealed record CheckFinding(string Subject, string Quantity, string Expected, string Actual, bool Agrees, string? Note = null, bool Undecided = false)
{
    /// <summary>A value as every check shows it: three decimals at most, "null" for none.</summary>
    public static string Show(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "null";

    public override string ToString() =>
        $"{(Undecided ? "UNDECIDED" : Agrees ? "ok       " : "MISMATCH ")} {Subject,-24} {Quantity,-12} expected {Expected,-22} cluster {Actual}{(Note is null ? "" : "  (" + Note + ")")}";
}

/// <summary>How close the cluster's number must be to the ground truth's to agree.</summary>
public sealed record Tolerance(double Relative, double Absolute)
{
    public bool Agrees(double expected, double actual) => Math.Abs(actual - expected) <= Math.Max(Absolute, Relative * Math.Abs(expected));
}
