namespace CityBrain.Edge.Cli.Checks;

/// <summary>The broker lets the device use the topics of the district and id in its configuration: the cluster
/// registered it there (the same question <c>provision</c> asks before it writes anything).</summary>
internal sealed class IdentityCheck : IGatewayCheck
{
    public const string Name = "identity";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (context.Configuration.Valid is not { } options)
        {
            yield return CheckResult.Skipped(Name, "the configuration is not usable");
            yield break;
        }
        var verdict = await context.ConnectOnceAsync(options, cancellationToken);
        yield return verdict switch
        {
            { Code: not ExitCodes.Ok } => CheckResult.Skipped(Name, "the broker gave no MQTT session to ask with (see the lines above)"),
            { IdentityProblem: { } problem } => CheckResult.Fail(Name, problem,
                "ask the cluster's operator which district and id the device is registered with, then: sudo citybrain-edge provision --device <id> --district <district> ..."),
            _ => CheckResult.Pass(Name, $"the cluster knows {options.DeviceId} in district {options.District}"),
        };
    }
}
