using System.Globalization;
using CityBrain.Edge.Hosting;
using CityBrain.Edge.Timing;

namespace CityBrain.Edge.Cli.Checks;

/// <summary>The wall clock is one the gateway trusts to stamp reports (after this software's build date), as the
/// service judges it.</summary>
internal sealed class ClockTrustCheck : IGatewayCheck
{
    public const string Name = "clock";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var clock = new ClockCheck(context.Time, ClockCheck.BuildDateOf(typeof(GatewayService).Assembly));
        var now = context.Time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var built = clock.BuildDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return clock.IsTrusted
            ? CheckResult.Pass(Name, $"reads {now}, after this software's build date {built}")
            : CheckResult.Fail(Name, $"reads {now}, before this software's build date {built}: the gateway holds reports back until the clock is set",
                "let NTP set the clock: the gateway needs the network and an NTP server (timedatectl status shows whether it is synchronized)");
    }
}
