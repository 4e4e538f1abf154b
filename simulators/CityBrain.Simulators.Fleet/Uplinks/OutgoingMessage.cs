using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Simulators.Fleet.Faults;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>What a message is to the simulator: an honest report, or the work of a fault injector.</summary>
public enum MessageKind
{
    Report,
    /// <summary>An honest report stamped by a gateway whose clock is off (a clock-skew fault); the cluster takes it
    /// unless its timestamp lies too far in the future.</summary>
    Skewed,
    /// <summary>The previous report sent a second time, as after a lost PUBACK; the cluster must acknowledge and drop it.</summary>
    Duplicate,
    /// <summary>A broken payload; the cluster must refuse it.</summary>
    Corrupt,
    /// <summary>A report under another gateway's topic; the broker or the cluster must refuse it.</summary>
    ForeignTopic,
    /// <summary>An honest report of an hour before the run, sent as history (see <see cref="FleetOptions.BackfillDays"/>).</summary>
    Backfill,
}

/// <summary>One publish of a simulated gateway. The report's sequence number is left to whoever sends it (the gateway's
/// outbox allocates it, or the uplink counts): <see cref="Encode"/> makes the payload once it is known. The ground
/// truth counts only acknowledged <see cref="MessageKind.Report"/>s and <see cref="MessageKind.Skewed"/> ones.</summary>
public sealed record OutgoingMessage(MessageKind Kind, string Topic, Telemetry Report, CorruptPayloads.Variant? Corruption = null)
{
    public byte[] Encode(long sequence)
    {
        var report = Report with { Sequence = sequence };
        return Corruption is { } variant ? CorruptPayloads.Make(report, variant) : WireFormat.Serialize(report);
    }

    /// <summary>Reports that, by the contract, the cluster must refuse: broken ones, and those stamped further in the
    /// future than the cluster tolerates.</summary>
    public bool MustBeRefused(DateTimeOffset realNow) =>
        Kind == MessageKind.Corrupt || Report.Timestamp < WireFormat.EarliestTimestamp
        || Report.Timestamp.AddSeconds(Report.WindowSeconds) > realNow + WireFormat.DefaultMaxFutureSkew;
}
