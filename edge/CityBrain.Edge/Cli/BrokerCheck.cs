using CityBrain.Contracts.Topics;
using CityBrain.Edge.Link;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Cli;

/// <summary>Connects once to each broker with the gateway's identity and disconnects: proves every broker is reachable
/// and accepts the credentials, before a technician leaves the site.</summary>
/// <remarks>It resumes the device's session rather than starting a clean one, so a running service loses nothing but
/// its connection for a moment (the broker hands the session over and the service reconnects).</remarks>
internal static class BrokerCheck
{
    /// <summary>Checks every broker of <paramref name="link"/> in turn; the first problem ends the check.</summary>
    public static async Task<BrokerVerdict> RunAsync(LinkOptions link, CancellationToken cancellationToken)
    {
        foreach (var broker in link.Brokers)
        {
            var outcome = await RunAsync(link, broker, cancellationToken);
            if (outcome.Problem is not null || outcome.IdentityProblem is not null) return outcome;
        }
        return new(ExitCodes.Ok, null);
    }

    private static async Task<BrokerVerdict> RunAsync(LinkOptions link, BrokerAddress where, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult result;
        try
        {
            result = await BoundedConnect.ConnectAsync(client, LinkTls.Connection(link, where)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(false)
                .WithSessionExpiryInterval(link.SessionExpirySeconds)
                .WithTimeout(link.Timeout)
                .Build(), link.Timeout, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (link.Tls?.TakeRefusal() is { } refused)
            {
                return new(ExitCodes.BrokerUnreachable, $"the broker at {where} presented a {refused}: check --ca-file and --pin against the broker, " +
                    "the broker's name (--server-name when reached by address) and this gateway's clock");
            }
            if (ex is BrokerSilentException) return new(ExitCodes.BrokerUnreachable, BrokerAnswer.Silent(where, link.Timeout));
            // The socket's own error (refused, no route) explains itself; anything else came from a peer that does not
            // speak MQTT, and what it does speak tells the technician more than MQTTnet's protocol error.
            if (!IsSocketError(ex) && link.Tls is null && await BrokerAnswer.DescribeAsync(where, link.Timeout, cancellationToken) is { } answer)
            {
                return new(ExitCodes.BrokerUnreachable, answer);
            }
            return new(ExitCodes.BrokerUnreachable, $"{MqttLink.Unreachable(where, ex)}: check the broker address and port, the network, and that the broker runs");
        }
        if (result.ResultCode is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
            or MqttClientConnectResultCode.ClientIdentifierNotValid or MqttClientConnectResultCode.Banned)
        {
            return new(ExitCodes.CredentialsRefused, $"the broker at {where} refused {link.DeviceId} ({result.ResultCode}): check the device id and the password the cluster issued for it");
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            return new(ExitCodes.BrokerUnreachable, $"the broker at {where} cannot take connections now ({result.ResultCode} {result.ReasonString}".TrimEnd() + "): try again later");
        }
        var identity = await IdentityAsync(client, link, where, cancellationToken);
        await client.DisconnectAsync(cancellationToken: cancellationToken);
        return new(ExitCodes.Ok, null, identity);
    }

    /// <summary>The rest of the identity, which the login does not check: the broker lets a device use only the topics
    /// of its own district and id, and says which part is wrong when it refuses them. Subscribing to the device's
    /// configuration topic asks that without publishing anything, and is what the service does on every new session.</summary>
    private static async Task<string?> IdentityAsync(IMqttClient client, LinkOptions link, BrokerAddress where, CancellationToken cancellationToken)
    {
        var topic = TopicAddress.Build(link.District, link.DeviceId, TopicKind.Config);
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        var code = result.Items.Single().ResultCode;
        if (code is not (MqttClientSubscribeResultCode.NotAuthorized or MqttClientSubscribeResultCode.TopicFilterInvalid)) return null;
        return $"the broker at {where} accepted the credentials of {link.DeviceId} but refused its topics in district {link.District}: " +
            $"{(string.IsNullOrEmpty(result.ReasonString) ? code.ToString() : result.ReasonString)}; provision again with the device id and district the cluster registered";
    }

    private static bool IsSocketError(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException) return true;
        }
        return false;
    }
}

/// <summary>What <see cref="BrokerCheck"/> found.</summary>
/// <param name="Code">How the connect went: <see cref="ExitCodes.Ok"/> when every broker gave the gateway a session.</param>
/// <param name="Problem">Why a broker gave no session; null when all did.</param>
/// <param name="IdentityProblem">With a session: why the broker refused the device's topics (the district or id the
/// cluster registered is another); null when it allowed them.</param>
internal sealed record BrokerVerdict(int Code, string? Problem, string? IdentityProblem = null)
{
    /// <summary>The connect alone, for the checks that look only at it.</summary>
    public void Deconstruct(out int code, out string? problem) => (code, problem) = (Code, Problem);

    /// <summary>What provision reports: a failed connect, else a refused identity (exit 5), else nothing.</summary>
    public (int Code, string? Problem) First => Problem is not null ? (Code, Problem)
        : IdentityProblem is not null ? (ExitCodes.CredentialsRefused, IdentityProblem)
        : (ExitCodes.Ok, null);
}
