using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Checks;

/// <summary>Each district's latest means on <c>/api/regions/{id}</c> against the means of the gateways' latest acknowledged
/// readings in the ground truth, including how many gateways each mean covers.</summary>
/// <param name="staleAfter">The cluster's own limit (<c>Grains:StaleAfter</c>): readings older than this before the run
/// ended no longer count in a district's mean.</param>
public sealed class DistrictLatestCheck(Tolerance tolerance, TimeSpan staleAfter) : IClusterCheck
{
    public string Name => "district-latest";

    public async Task<IReadOnlyList<CheckFinding>> RunAsync(GroundTruthReader truth, CityApiClient api, CancellationToken cancellationToken)
    {
        var end = truth.End ?? throw new InvalidDataException("the ground truth has no end: its run is still going or was killed; check after it finishes");
        var city = await api.CityAsync(cancellationToken);
        var districts = city.Districts.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var findings = new List<CheckFinding>();
        var ownDevices = truth.DevicesPerDistrict();
        foreach (var expected in truth.DistrictLatest(end - staleAfter))
        {
            var want = CheckFinding.Show(expected.Mean) + $" over {expected.Devices}";
            if (!districts.TryGetValue(expected.District, out var district))
            {
                findings.Add(new CheckFinding(expected.District, expected.Quantity, want, "-", false, "the cluster's city has no such district"));
                continue;
            }
            if (!district.Latest.TryGetValue(expected.Quantity, out var actual))
            {
                findings.Add(new CheckFinding(expected.District, expected.Quantity, want, "-", false, "the district shows no value"));
                continue;
            }
            var shown = CheckFinding.Show(actual.Value) + (actual.Devices is { } n ? $" over {n}" : "");
            var others = district.DevicesOnline - ownDevices.GetValueOrDefault(expected.District);
            if (others > 0)
            {
                findings.Add(new CheckFinding(expected.District, expected.Quantity, want, shown, false,
                    $"{others} gateway(s) online in this district are not of this run (the host's own simulated city, or another fleet), so its mean is not this run's alone: "
                    + "run the host without its city (./citybrain.sh run --simulate 0) to compare it; device-latest compares this run's gateways one by one", Undecided: true));
                continue;
            }
            var sameDevices = actual.Devices is null || actual.Devices == expected.Devices;
            var note = sameDevices ? null : "the cluster averages a different set of gateways (other fleets, or reports still in flight)";
            findings.Add(new CheckFinding(expected.District, expected.Quantity, want, shown, sameDevices && tolerance.Agrees(expected.Mean, actual.Value), note));
        }
        return findings;
    }
}
