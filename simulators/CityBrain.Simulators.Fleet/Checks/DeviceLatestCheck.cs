using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Checks;

/// <summary>A sample of gateways: each one's latest values on <c>/api/devices/{id}</c> against the latest readings the
/// ground truth holds for it (value, quality and the window they belong to).</summary>
public sealed class DeviceLatestCheck(Tolerance tolerance, int sample) : IClusterCheck
{
    public string Name => "device-latest";

    public async Task<IReadOnlyList<CheckFinding>> RunAsync(GroundTruthReader truth, CityApiClient api, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        foreach (var device in truth.SampleDevices(sample))
        {
            var view = await api.DeviceAsync(device, cancellationToken);
            foreach (var expected in truth.DeviceLatest(device))
            {
                var want = $"{CheckFinding.Show(expected.Value)} {expected.Quality} @{expected.WindowEnd:HH:mm:ss}";
                if (view?.Latest.TryGetValue(expected.Quantity, out var actual) is not true)
                {
                    findings.Add(new CheckFinding(device, expected.Quantity, want, "-", false, view is null ? "the cluster does not know the gateway" : "no value for this quantity"));
                    continue;
                }
                var shown = $"{CheckFinding.Show(actual!.Value)} {actual.Quality} @{actual.UpdatedAt:HH:mm:ss}";
                var agrees = actual.Quality == expected.Quality && actual.UpdatedAt == expected.WindowEnd
                    && (expected.Value, actual.Value) switch
                    {
                        (null, null) => true,
                        ({ } e, { } a) => tolerance.Agrees(e, a),
                        _ => false,
                    };
                findings.Add(new CheckFinding(device, expected.Quantity, want, shown, agrees));
            }
        }
        return findings;
    }

}
