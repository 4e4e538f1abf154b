namespace CityBrain.Edge.Link;

public enum LinkCondition
{
    /// <summary>Trying to connect (or never tried yet).</summary>
    Connecting,
    Connected,
    /// <summary>No answer from the broker: network, address or broker down. Retried with backoff.</summary>
    Unreachable,
    /// <summary>The broker answered and said no (bad credentials, not authorised). Retried slowly.</summary>
    Refused,
    /// <summary>Shut down on purpose.</summary>
    Closed,
}

/// <summary>The link as a technician's status shows it: the condition, a sentence on why, and since when.</summary>
public sealed record LinkState(LinkCondition Condition, string Detail, DateTimeOffset Since);
