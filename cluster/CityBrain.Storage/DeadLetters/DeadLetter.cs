namespace CityBrain.Storage.DeadLetters;

/// <summary>A message the cluster refused, kept with its reason so an operator can see what a gateway got wrong.</summary>
public sealed record DeadLetter(DateTimeOffset ReceivedAt, string ClientId, string Topic, string Kind, string Reason, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The payload as a store keeps it: its first <see cref="IDeadLetterStore.MaxStoredPayload"/> bytes.</summary>
    public byte[] StoredPayload() => Payload[..Math.Min(Payload.Length, IDeadLetterStore.MaxStoredPayload)].ToArray();
}
