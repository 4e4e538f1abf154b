using System.Text.Json.Serialization;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Payloads;

/// <summary>The gateway's own state, published on <c>…/health</c> about once a minute. Members that may be unknown
/// are written as explicit nulls: they are required, so a report that leaves them out is malformed.</summary>
/// <param name="RefusedReports">Reports the cluster refused for good (a permanent PUBACK reason code), set aside by the gateway.</param>
/// <param name="Broker">The broker (host:port) the gateway is connected to: a node's own, or a proxy in front of them.</param>
/// <param name="Failovers">How often the gateway connected to another broker than the one before, since it started.</param>
public sealed record Health(
    int Version,
    string DeviceId,
    DateTimeOffset Timestamp,
    double UptimeSeconds,
    long OutboxDepth,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OldestUnsentAgeSeconds,
    long ThinnedReports,
    long DroppedReports,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? LastPublish,
    IReadOnlyList<SensorHealth> Sensors,
    double? CpuTemperature = null,
    long? FreeDiskBytes = null,
    double? ClockSkewSeconds = null,
    string? SoftwareVersion = null,
    long? RefusedReports = null,
    string? Broker = null,
    long? Failovers = null);

public sealed record SensorHealth(
    string Sensor,
    string Model,
    long Samples,
    long Errors,
    string? LastError = null,
    Calibration? Calibration = null);

/// <summary>A linear field calibration: reported = raw · Factor + Offset.</summary>
/// <param name="Quantity">The quantity it corrects, for a sensor that measures more than one.</param>
public sealed record Calibration(double Offset, double Factor, DateOnly? Date = null, Quantity? Quantity = null);
