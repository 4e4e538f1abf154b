using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Fleet.Faults;

/// <summary>Sensor faults: a stuck sensor repeats its reading from when it stuck, a drifting one strays from the truth by
/// a share per hour, both still with quality ok, as a real gateway would not notice; a failing one does not answer, and
/// its readings are invalid without a value, as a gateway's sampler reports a window without a valid sample.</summary>
internal static class ReadingFaults
{
    public const string NoAnswer = "no valid sample in the window: the sensor did not answer";

    /// <param name="stuckReadings">The gateway's honest readings of the window in which a stuck fault began.</param>
    public static IReadOnlyList<Reading> Apply(
        IReadOnlyList<Reading> readings, IEnumerable<ActiveFault> active, DateTimeOffset windowStart,
        Func<ActiveFault, IReadOnlyList<Reading>> stuckReadings)
    {
        var result = readings;
        foreach (var fault in active)
        {
            if (fault.Fault.Kind is not (FaultKind.Stuck or FaultKind.Drift or FaultKind.Failing)) continue;
            var stuck = fault.Fault.Kind == FaultKind.Stuck ? stuckReadings(fault) : null;
            var hours = (windowStart - fault.From).TotalHours;
            result = result.Select(r =>
            {
                if (fault.Fault.Quantities is { } only && !only.Contains(r.Quantity)) return r;
                if (fault.Fault.Kind == FaultKind.Failing) return Reading.Of(r.Quantity, null, Quality.Invalid, r.Sensor, count: 0, reason: NoAnswer);
                if (stuck is not null) return stuck.FirstOrDefault(s => s.Quantity == r.Quantity) is { } frozen ? r with { Value = frozen.Value, Min = frozen.Value, Max = frozen.Value } : r;
                var factor = Math.Max(0, 1 + fault.Fault.PerHour * hours);
                return r with { Value = Drifted(r.Quantity, r.Value, factor), Min = Drifted(r.Quantity, r.Min, factor), Max = Drifted(r.Quantity, r.Max, factor) };
            }).ToList();
        }
        return result;
    }

    private static double? Drifted(Quantity quantity, double? value, double factor)
    {
        if (value is not { } v) return null;
        var info = quantity.Info();
        return Math.Round(Math.Clamp(v * factor, info.Min, info.Max), 2);
    }
}
