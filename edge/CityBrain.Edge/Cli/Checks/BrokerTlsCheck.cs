using System.Net;

namespace CityBrain.Edge.Cli.Checks;

/// <summary>With TLS on, the broker presents a certificate this gateway accepts (CA, name, validity, pin); with it
/// off, a password that leaves this machine crosses the network readable.</summary>
internal sealed class BrokerTlsCheck : IGatewayCheck
{
    public const string Name = "tls";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (context.Configuration.Valid is not { } options)
        {
            yield return CheckResult.Skipped(Name, "the configuration is not usable");
            yield break;
        }
        var tls = options.Broker.Tls;
        var brokers = options.Broker.Addresses();
        if (!tls.Enabled)
        {
            yield return brokers.All(b => IsLocal(b.Host))
                ? CheckResult.Pass(Name, "not used: the broker is on this machine")
                : CheckResult.Warn(Name, $"off: the password and the readings cross the network to {string.Join(", ", brokers)} unencrypted",
                    "provision with the cluster's CA: citybrain-edge provision ... --ca-file city-ca.pem (port 8883)");
            yield break;
        }
        var (code, problem) = await context.ConnectOnceAsync(options, cancellationToken);
        var trust = (tls.CaFile is { } ca ? $"the CA in {ca}" : "this machine's CA store") + (tls.Pin is null ? "" : " and the pinned key");
        yield return code is ExitCodes.Ok or ExitCodes.CredentialsRefused
            ? CheckResult.Pass(Name, $"the broker's certificate is verified against {trust}")
            : CheckResult.Fail(Name, problem!, "compare --ca-file and --pin with what the cluster's operator gives, use the name in the broker's certificate (--server-name), and check this gateway's clock");
    }

    private static bool IsLocal(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
