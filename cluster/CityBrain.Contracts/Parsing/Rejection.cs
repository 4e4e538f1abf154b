namespace CityBrain.Contracts.Parsing;

/// <summary>Why a payload was refused. The kind is for counting; the reason is the sentence a person reads.</summary>
public enum RejectionKind
{
    NotJson,
    Malformed,
    UnsupportedVersion,
    UnknownQuantity,
    WrongUnit,
    NonFiniteValue,
    OutOfRange,
    MissingField,
    FutureTimestamp,
    NotUtc,
    TopicMismatch,
    UnknownTopic,
    TooLarge,
}

public sealed record Rejection(RejectionKind Kind, string Reason)
{
    public override string ToString() => $"{Kind}: {Reason}";
}
