using System.Globalization;
using MQTTnet;

namespace CityBrain.Edge.Link;

/// <summary>An MQTT connect that gives up after the link's timeout.</summary>
/// <remarks>MQTTnet applies its own timeout only when the caller passes no cancellation token; with one, a port that
/// accepts TCP but never sends a CONNACK holds the connect forever (and with it a gateway's reconnect loop).</remarks>
public static class BoundedConnect
{
    /// <exception cref="BrokerSilentException">No CONNACK within <paramref name="timeout"/>.</exception>
    public static async Task<MqttClientConnectResult> ConnectAsync(IMqttClient client, MqttClientOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            return await client.ConnectAsync(options, bounded.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BrokerSilentException(timeout, ex);
        }
    }
}

/// <summary>A connect that got no answer in time: the network dropped it, or what listens there is not an MQTT broker.</summary>
public sealed class BrokerSilentException(TimeSpan timeout, Exception inner)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.#} s"), inner)
{
    public TimeSpan Timeout { get; } = timeout;
}
