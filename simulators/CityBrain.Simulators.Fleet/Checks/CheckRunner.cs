using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Checks;

public sealed record CheckOutcome(string Check, IReadOnlyList<CheckFinding> Findings)
{
    public IReadOnlyList<CheckFinding> Decided => [.. Findings.Where(f => !f.Undecided)];

    /// <summary>Every comparison that could be made agrees, and there was at least one.</summary>
    public bool Agrees => Decided.Count > 0 && Decided.All(f => f.Agrees);
}

/// <summary>Runs the checks until they all agree or the patience runs out: the cluster passes values from devices to
/// districts to the city every few seconds, so right after a run it may still be catching up. Hours the host has not
/// closed yet are waited for too, up to <see cref="MaxSettleWait"/>; what is still open then is reported as undecided.</summary>
public sealed class CheckRunner(IReadOnlyList<IClusterCheck> checks, TimeProvider time)
{
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MaxSettleWait = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<CheckOutcome>> RunAsync(GroundTruthReader truth, CityApiClient api, TimeSpan patience, CancellationToken cancellationToken)
    {
        var start = time.GetUtcNow();
        var settled = checks.Select(c => c.SettledBy(truth)).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var waitFor = settled > start ? Min(settled, start + MaxSettleWait) + RetryPeriod : start;
        var deadline = Max(start + patience, waitFor);
        while (true)
        {
            // Settled when the checks began, not when they ended: a round that started before the hours closed holds
            // findings undecided, however late it finishes.
            var checkedAt = time.GetUtcNow();
            var outcomes = new List<CheckOutcome>();
            foreach (var check in checks) outcomes.Add(new CheckOutcome(check.Name, await check.RunAsync(truth, api, cancellationToken)));
            var now = time.GetUtcNow();
            if ((outcomes.All(o => o.Agrees) && checkedAt >= settled) || now + RetryPeriod > deadline) return outcomes;
            await Task.Delay(RetryPeriod, time, cancellationToken);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
