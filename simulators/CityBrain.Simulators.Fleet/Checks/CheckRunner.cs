using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Checks;

public sealed record CheckOutcome(string Check, IReadOnlyList<CheckFinding> Findings)
{
    public bool Agrees => Findings.Count > 0 && Findings.All(f => f.Agrees);
}

/// <summary>Runs the checks until they all agree or the patience runs out: the cluster passes values from devices to
/// districts to the city every few seconds, so right after a run it may still be catching up.</summary>
public sealed class CheckRunner(IReadOnlyList<IClusterCheck> checks, TimeProvider time)
{
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<CheckOutcome>> RunAsync(GroundTruthReader truth, CityApiClient api, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + patience;
        while (true)
        {
            var outcomes = new List<CheckOutcome>();
            foreach (var check in checks) outcomes.Add(new CheckOutcome(check.Name, await check.RunAsync(truth, api, cancellationToken)));
            if (outcomes.All(o => o.Agrees) || time.GetUtcNow() + RetryPeriod > deadline) return outcomes;
            await Task.Delay(RetryPeriod, time, cancellationToken);
        }
    }
}
