using CityBrain.Bench.Reporting;

namespace CityBrain.Bench.Abuse;

/// <summary>The host's resident memory (VmRSS), sampled every 100 ms while an attack runs, for its peak.</summary>
internal sealed class ResidentMemory(int processId)
{
    public double Now() => BenchReport.ResidentMegabytes(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Runs <paramref name="attack"/> and returns its result with the highest resident memory seen meanwhile.</summary>
    public async Task<(T Result, double PeakMegabytes)> PeakDuringAsync<T>(Func<Task<T>> attack)
    {
        var peak = Now();
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, Now());
                await Task.Delay(100, CancellationToken.None);
            }
        });
        var result = await attack();
        await done.CancelAsync();
        await sampler;
        return (result, Math.Max(peak, Now()));
    }
}
