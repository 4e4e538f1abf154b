using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Checks;

/// <summary>Each district's hourly means in the cluster's history (<c>/api/regions/{id}/history?step=hour</c>)
/// against the ground truth's, for every hour the run covered to its end, with the number of gateways behind each.</summary>
/// <param name="minimumCoverage">The cluster's validity rule: a gateway's hour counts when its reports cover this much.</param>
/// <param name="closeDelay">How long the host waits before it closes a district's hour (its Grains:HourCloseDelay plus
/// Grains:AreaCloseDelay), counted from the hour's end or from a late report for it, whichever comes later. An accelerated
/// run sends every hour's reports up to its end, so its hours are final only that long after the run ended; compared
/// before, an hour is undecided, not a mismatch.</param>
public sealed class DistrictHourlyCheck(Tolerance tolerance, TimeSpan minimumCoverage, TimeSpan closeDelay, TimeProvider time) : IClusterCheck
{
    public string Name => "district-hourly";

    public DateTimeOffset SettledBy(GroundTruthReader truth) => truth.End is { } end ? end + closeDelay : DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<CheckFinding>> RunAsync(GroundTruthReader truth, CityApiClient api, CancellationToken cancellationToken)
    {
        var end = truth.End ?? throw new InvalidDataException("the ground truth has no end: its run is still going or was killed; check after it finishes");
        var findings = new List<CheckFinding>();
        foreach (var series in truth.DistrictHoursOfValidDevices(minimumCoverage, end).GroupBy(h => (h.District, h.Quantity)))
        {
            var (district, quantity) = series.Key;
            var history = await api.DistrictHoursAsync(district, quantity, series.Min(h => h.Hour), series.Max(h => h.Hour).AddHours(1), cancellationToken);
            var shown = history.Points.ToDictionary(p => p.Time.ToUniversalTime());
            foreach (var expected in series)
            {
                var subject = $"{district} {expected.Hour.UtcDateTime:yyyy-MM-dd HH}h";
                var want = CheckFinding.Show(expected.Mean) + $" over {expected.Count}";
                if (end + closeDelay > time.GetUtcNow())
                {
                    findings.Add(new CheckFinding(subject, quantity, want, "-", false,
                        $"the host may not have closed this hour yet: it does by {(end + closeDelay).UtcDateTime:HH:mm:ss}Z ({closeDelay.TotalMinutes:0.#} min after the run's last report); check again then", Undecided: true));
                    continue;
                }
                if (!shown.TryGetValue(expected.Hour, out var point) || point.Value is not { } value)
                {
                    findings.Add(new CheckFinding(subject, quantity, want, "-", false, "the cluster's history has a gap there"));
                    continue;
                }
                var sameDevices = point.Count == expected.Count;
                findings.Add(new CheckFinding(subject, quantity, want, CheckFinding.Show(value) + $" over {point.Count}", sameDevices && tolerance.Agrees(expected.Mean, value),
                    sameDevices ? null : "the cluster averages a different set of gateways (other fleets, or hours not closed yet)"));
            }
        }
        return findings;
    }
}
