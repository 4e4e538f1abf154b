using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Tests;

/// <summary>Fails the first notice of a changed hourly share sent to the "flaky" district, as a call to an overloaded
/// silo times out.</summary>
public sealed class FlakyShareFilter : IIncomingGrainCallFilter
{
    public const string District = "flaky";

    private static int _failed;

    public static bool Failed => Volatile.Read(ref _failed) == 1;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName == nameof(Districts.IDistrictGrain.ShareChanged) && context.TargetId.Key.ToString() == District
            && context.Request.GetArgument(0) is ShareChanged && Interlocked.Exchange(ref _failed, 1) == 0)
        {
            throw new TimeoutException("the district did not answer in time (injected by the test)");
        }
        return context.Invoke();
    }
}
