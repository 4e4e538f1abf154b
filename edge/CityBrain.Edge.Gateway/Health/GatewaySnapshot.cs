using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Link;

namespace CityBrain.Edge.Health;

/// <summary>Everything a gateway knows about its own state at one moment: what its health report publishes and
/// what <c>citybrain-edge status</c> shows a technician (from the status file the service keeps).</summary>
public sealed record GatewaySnapshot(
    string DeviceId,
    string District,
    DateTimeOffset Timestamp,
    DateTimeOffset StartedAt,
    int ProcessId,
    string? SoftwareVersion,
    LinkSnapshot Link,
    OutboxSnapshot Outbox,
    IReadOnlyList<SensorSnapshot> Sensors,
    ClockSnapshot Clock,
    int ReportIntervalSeconds,
    double? CpuTemperature,
    long? FreeDiskBytes,
    Site? Site = null)
{
    public Contracts.Payloads.Health ToHealth() => HealthPayload.Build(
        DeviceId, Timestamp, StartedAt, Outbox, [.. Sensors.Select(s => new SensorHealth(s.Name, s.Model, s.Samples, s.Errors, s.LastError, s.Calibration))], Clock.SkewSeconds, SoftwareVersion, Link.Broker, Link.Failovers, CpuTemperature, FreeDiskBytes, Site);
}

/// <param name="Broker">The broker (host:port) the link is connected to, or is trying.</param>
/// <param name="Failovers">Connects to another broker than the one before, since the service started.</param>
/// <param name="Conflict">Set while another gateway uses this device id (<see cref="MqttLink.Conflict"/>).</param>
public sealed record LinkSnapshot(LinkCondition Condition, string Detail, DateTimeOffset Since, string Broker, long Connects, long Refusals, long Failovers,
    string? Conflict = null);

/// <param name="Delivered">Reports acknowledged since the service started.</param>
/// <param name="DiskFullSince">Since when the outbox's writes fail because the disk is full; null while they go through.</param>
public sealed record OutboxSnapshot(
    long Depth,
    double? OldestUnsentAgeSeconds,
    long Thinned,
    long Dropped,
    long Refused,
    long Delivered,
    DateTimeOffset? LastPublish,
    long NextSequence,
    long FileBytes,
    long BudgetBytes,
    DateTimeOffset? DiskFullSince = null);

public sealed record SensorSnapshot(
    string Name,
    string Model,
    bool Enabled,
    double SampleIntervalSeconds,
    long Samples,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    string? LastError,
    Calibration? Calibration);

/// <param name="HeldBackWindows">Report windows discarded because the clock was before the build date.</param>
public sealed record ClockSnapshot(bool Trusted, double? SkewSeconds, DateTimeOffset BuildDate, long HeldBackWindows);
