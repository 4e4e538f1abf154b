namespace CityBrain.Edge.Cli.Checks;

/// <summary>Every broker accepts the gateway's device id and password (or device certificate), with the connect the
/// service makes.</summary>
internal sealed class CredentialsCheck : IGatewayCheck
{
    public const string Name = "credentials";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (context.Configuration.Valid is not { } options)
        {
            yield return CheckResult.Skipped(Name, "the configuration is not usable");
            yield break;
        }
        var (code, problem) = await context.ConnectOnceAsync(options, cancellationToken);
        yield return code switch
        {
            ExitCodes.Ok => CheckResult.Pass(Name, $"the broker accepts {options.DeviceId}"),
            ExitCodes.CredentialsRefused => CheckResult.Fail(Name, problem!,
                "ask the cluster's operator for the device's password (credentials add/rotate) and provision again: citybrain-edge provision ... --password -"),
            // Why there was no session is the broker's or the TLS line's to say.
            _ => CheckResult.Skipped(Name, "the broker gave no MQTT session (see the broker and tls lines)"),
        };
    }
}
