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
    public static async Task<(int Code, string? Problem)> RunAsync(LinkOptions link, CancellationToken cancellationToken)
    {
        foreach (var broker in link.Brokers)
        {
            var outcome = await RunAsync(link, broker, cancellationToken);
            if (outcome.Problem is not null) return outcome;
        }
        return (ExitCodes.Ok, null);
    }

    private static async Task<(int Code, string? Problem)> RunAsync(LinkOptions link, BrokerAddress where, CancellationToken cancellationToken)
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
                return (ExitCodes.BrokerUnreachable, $"the broker at {where} presented a {refused}: check --ca-file and --pin against the broker, " +
                    "the broker's name (--server-name when reached by address) and this gateway's clock");
            }
            if (ex is BrokerSilentException) return (ExitCodes.BrokerUnreachable, BrokerAnswer.Silent(where, link.Timeout));
            // The socket's own error (refused, no route) explains itself; anything else came from a peer that does not
            // speak MQTT, and what it does speak tells the technician more than MQTTnet's protocol error.
            if (!IsSocketError(ex) && link.Tls is null && await BrokerAnswer.DescribeAsync(where, link.Timeout, cancellationToken) is { } answer)
            {
                return (ExitCodes.BrokerUnreachable, answer);
            }
            return (ExitCodes.BrokerUnreachable, $"{MqttLink.Unreachable(where, ex)}: check the broker address and port, the network, and that the broker runs");
        }
        if (result.ResultCode is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
            or MqttClientConnectResultCode.ClientIdentifierNotValid or MqttClientConnectResultCode.Banned)
        {
            return (ExitCodes.CredentialsRefused, $"the broker at {where} refused {link.DeviceId} ({result.ResultCode}): check the device id and the password the cluster issued for it");
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            return (ExitCodes.BrokerUnreachable, $"the broker at {where} cannot take connections now ({result.ResultCode} {result.ReasonString}".TrimEnd() + "): try again later");
        }
        var identity = await IdentityAsync(client, link, where, cancellationToken);
        await client.DisconnectAsync(cancellationToken: cancellationToken);
        return identity is null ? (ExitCodes.Ok, null) : (ExitCodes.CredentialsRefused, identity);
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
