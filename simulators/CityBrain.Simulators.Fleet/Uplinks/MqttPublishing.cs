using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>One QoS 1 publish and what became of it, for both kinds of uplink. MQTT 5 is what makes a refusal visible:
/// its PUBACK carries the reason code (an MQTT 3.1.1 PUBACK says only "received").</summary>
internal static class MqttPublishing
{
    public static Task<DeliveryOutcome> PublishAsync(IMqttClient client, string topic, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken) =>
        PublishAsync(client.PublishAsync, topic, payload, timeout, cancellationToken);

    /// <param name="publish">The connection's publish: a client's own, or the edge gateway link's.</param>
    public static async Task<DeliveryOutcome> PublishAsync(
        Func<MqttApplicationMessage, CancellationToken, Task<MqttClientPublishResult>> publish, string topic, byte[] payload, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var mqtt = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var result = await publish(mqtt, deadline.Token);
            return result.IsSuccess
                ? DeliveryOutcome.Acknowledged
                : new DeliveryOutcome(DeliveryStatus.Refused, $"{result.ReasonCode}: {result.ReasonString}".TrimEnd(':', ' '));
        }
        catch (MqttCommunicationException ex)
        {
            return new DeliveryOutcome(DeliveryStatus.Failed, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(DeliveryStatus.Failed, $"no PUBACK within {timeout.TotalSeconds:0} s");
        }
    }
}
