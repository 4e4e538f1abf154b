using CityBrain.Grains.Districts;
using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Tests;

/// <summary>Fails the first notice of a changed hourly share sent to the "flaky" district, and the first report of the
/// device <see cref="ReportFailsOnce"/> to its district, as a call to a silo that is overloaded, or died and is not yet
/// declared dead, fails.</summary>
public sealed class FlakyDistrictFilter : IIncomingGrainCallFilter
{
    public const string District = "flaky";

    public const string ReportFailsOnce = "report-fails-once";

    private static int _failedShare;
    private static int _failedReport;

    public static bool Failed => Volatile.Read(ref _failedShare) == 1;

    public static bool FailedReport => Volatile.Read(ref _failedReport) == 1;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetId.Key.ToString() == District && context.MethodName == nameof(IDistrictGrain.ShareChanged)
            && context.Request.GetArgument(0) is ShareChanged && Interlocked.Exchange(ref _failedShare, 1) == 0)
        {
            throw new TimeoutException("the district did not answer in time (injected by the test)");
        }
        if (context.MethodName == nameof(IDistrictGrain.ReportDevice) && context.Request.GetArgument(0) is DeviceSummary { DeviceId: ReportFailsOnce }
            && Interlocked.Exchange(ref _failedReport, 1) == 0)
        {
            throw new TimeoutException("the district's silo is out of reach (injected by the test)");
        }
        return context.Invoke();
    }
}
