using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Tests;

/// <summary>Fails the first hourly share with values sent to the "flaky" district, as a call to an overloaded silo
/// times out. (Shares of an hour still invalid carry no values, and losing them would change nothing.)</summary>
public sealed class FlakyShareFilter : IIncomingGrainCallFilter
{
    public const string District = "flaky";

    private static int _failed;

    public static bool Failed => Volatile.Read(ref _failed) == 1;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName == "AddHour" && context.TargetId.Key.ToString() == District
            && context.Request.GetArgument(0) is HourContribution { Now.Count: > 0 } && Interlocked.Exchange(ref _failed, 1) == 0)
        {
            throw new TimeoutException("the district did not answer in time (injected by the test)");
        }
        return context.Invoke();
    }
}
