using System.Net.Sockets;
using CityBrain.Edge.Link;

namespace CityBrain.Edge.Cli.Checks;

/// <summary>Every configured broker accepts a TCP connection within the link's timeout: one line per broker.</summary>
internal sealed class BrokerReachableCheck : IGatewayCheck
{
    public const string Name = "broker";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (context.Configuration.Valid is not { } options)
        {
            yield return CheckResult.Skipped(Name, "the configuration is not usable");
            yield break;
        }
        var link = options.Link();
        var answering = 0;
        foreach (var broker in link.Brokers)
        {
            var line = link.Brokers.Count == 1 ? Name : $"{Name} {broker}";
            var problem = await ConnectProblemAsync(broker, link.Timeout, cancellationToken);
            if (problem is null) answering++;
            yield return problem is null
                ? CheckResult.Pass(line, $"{broker} accepts connections")
                : CheckResult.Fail(line, $"{broker} unreachable ({problem})",
                    "check the broker's address and port (citybrain-edge provision --broker), this gateway's network (ping, ip route), firewalls on the way, and that the cluster runs");
        }
        // Something answers TCP there but gives no MQTT session; with TLS on, the TLS line tells why.
        if (answering == link.Brokers.Count && link.Tls is null
            && await context.ConnectOnceAsync(options, cancellationToken) is (ExitCodes.BrokerUnreachable, { } mqtt))
        {
            yield return CheckResult.Fail(Name, $"no MQTT session: {mqtt}", "provision again with the broker's MQTT port: citybrain-edge provision ... --broker HOST:1883");
        }
    }

    private static async Task<string?> ConnectProblemAsync(BrokerAddress broker, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(broker.Host, broker.Port, limit.Token);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.Message.TrimEnd('.');
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0} s";
        }
    }
}
