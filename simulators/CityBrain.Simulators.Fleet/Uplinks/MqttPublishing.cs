using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>One QoS 1 publish and what became of it, for both kinds of uplink. MQTT 5 is what makes a refusal visible:
/// its PUBACK carries the reason code (an MQTT 3.1.1 PUBACK says only "received").</summary>
internal static class MqttPublishing
{
    public static async Task<DeliveryOutcome> PublishAsync(IMqttClient client, OutgoingMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var mqtt = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayloadSegment(message.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var result = await client.PublishAsync(mqtt, deadline.Token);
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
