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

    /// <summary>A window stamped before 2020: the gateway's clock was never set (no real-time clock, no NTP yet).</summary>
    ClockNotSet,

    /// <summary>A property version 1 does not define, misspelt or new: the schema is closed.</summary>
    UnknownProperty,

    /// <summary>The same property twice in one object; a JSON reader would silently keep only one of them.</summary>
    DuplicateProperty,

    /// <summary>The same quantity from the same sensor twice in one report.</summary>
    DuplicateReading,

    /// <summary>Fields that contradict each other: a value outside its own min..max, samples without a value, …</summary>
    Inconsistent,

    /// <summary>A sensor name or reason with characters the contract does not allow (markup, quotes, control characters).</summary>
    InvalidText,
}

public sealed record Rejection(RejectionKind Kind, string Reason)
{
    public override string ToString() => $"{Kind}: {Reason}";
}
