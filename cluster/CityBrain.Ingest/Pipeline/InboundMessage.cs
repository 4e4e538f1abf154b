using System.Buffers;

namespace CityBrain.Ingest.Pipeline;

/// <summary>A message as it left the broker, whichever broker that was.</summary>
public sealed record InboundMessage(string Topic, ReadOnlySequence<byte> Payload, string ClientId, DateTimeOffset ReceivedAt);

public enum IngestStatus
{
    Accepted,
    Duplicate,
    /// <summary>Bad input: resending the same message cannot help.</summary>
    Rejected,
    /// <summary>The cluster could not make it durable now: the sender should retry.</summary>
    Failed,
}

public sealed record IngestOutcome(IngestStatus Status, string? Reason = null)
{
    public static readonly IngestOutcome Accepted = new(IngestStatus.Accepted);
    public static readonly IngestOutcome Duplicate = new(IngestStatus.Duplicate);
}
