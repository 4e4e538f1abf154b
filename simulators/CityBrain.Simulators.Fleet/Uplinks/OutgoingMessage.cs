using CityBrain.Contracts.Payloads;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>What a message is to the simulator: an honest report, or the work of a fault injector.</summary>
public enum MessageKind
{
    Report,
    /// <summary>An honest report stamped by a gateway whose clock is off (a clock-skew fault); the cluster takes it
    /// unless its timestamp lies too far in the future.</summary>
    Skewed,
    /// <summary>A report sent a second time, as after a lost PUBACK; the cluster must acknowledge and drop it.</summary>
    Duplicate,
    /// <summary>A broken payload; the cluster must refuse it.</summary>
    Corrupt,
    /// <summary>A report under another gateway's topic; the broker or the cluster must refuse it.</summary>
    ForeignTopic,
}

/// <summary>One MQTT publish of a simulated gateway. <see cref="Report"/> is what the payload says, when it says
/// something; the ground truth counts only acknowledged reports
/// (<see cref="MessageKind.Report"/> and <see cref="MessageKind.Skewed"/>).</summary>
public sealed record OutgoingMessage(MessageKind Kind, string Topic, ReadOnlyMemory<byte> Payload, Telemetry? Report);
