namespace CityBrain.Ingest.Delivery;

/// <summary>The one way the cluster sends something to a device (its configuration today, commands later). The device
/// gets it whichever node it is connected to, now or when it next connects, and after it moves to another node.</summary>
public interface IDeviceMessagePublisher
{
    /// <summary>Publishes <paramref name="payload"/> retained on <paramref name="topic"/>; completes once it is durable.</summary>
    Task PublishRetainedAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);
}
