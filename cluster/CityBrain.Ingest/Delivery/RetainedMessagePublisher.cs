using CityBrain.Storage.Retained;

namespace CityBrain.Ingest.Delivery;

/// <summary>Stores the message in the store every node shares, then delivers it through this node's broker at once; the
/// other nodes' <see cref="RetainedMessageSync"/> picks it up from the store.</summary>
public sealed class RetainedMessagePublisher(IRetainedMessageStore store, RetainedMessageSync sync, TimeProvider time) : IDeviceMessagePublisher
{
    public async Task PublishRetainedAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var version = await store.PutAsync(topic, payload, now, cancellationToken);
        await sync.DeliverAsync(new RetainedMessage(topic, payload, version, now));
    }
}
