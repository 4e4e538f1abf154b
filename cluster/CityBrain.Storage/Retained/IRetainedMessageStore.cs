namespace CityBrain.Storage.Retained;

/// <summary>The messages the cluster keeps retained for devices (their configuration, later their commands), shared by
/// every node. Each broker holds retained messages only in memory, so this store is what lets a message set through one
/// node reach a device that connects to another, and survive a restart.</summary>
public interface IRetainedMessageStore
{
    /// <summary>Stores <paramref name="payload"/> as the retained message of <paramref name="topic"/>, replacing the
    /// previous one; returns the store-wide version it was given.</summary>
    Task<long> PutAsync(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every message stored with a version above <paramref name="version"/>, in version order. Versions become
    /// visible in increasing order, so a reader that remembers the highest version it saw never misses a message.</summary>
    Task<IReadOnlyList<RetainedMessage>> ChangedSinceAsync(long version, CancellationToken cancellationToken = default);
}

/// <summary>One retained message as the store keeps it.</summary>
public sealed record RetainedMessage(string Topic, ReadOnlyMemory<byte> Payload, long Version, DateTimeOffset UpdatedAt);
