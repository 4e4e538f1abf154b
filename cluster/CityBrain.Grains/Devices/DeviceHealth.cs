namespace CityBrain.Grains.Devices;

/// <summary>The gateway's last health report, as the device view shows it.</summary>
/// <param name="Site">The site the report announced, as far as the cluster accepted it.</param>
/// <param name="SiteRefusal">Why the announced site, or its position, was not accepted; null when it was.</param>
[GenerateSerializer, Immutable, Alias("citybrain.DeviceHealth.v1")]
public sealed record DeviceHealth(
    [property: Id(0)] DateTimeOffset ReportedAt,
    [property: Id(1)] double UptimeSeconds,
    [property: Id(2)] long OutboxDepth,
    [property: Id(3)] double? OldestUnsentAgeSeconds,
    [property: Id(4)] long ThinnedReports,
    [property: Id(5)] long DroppedReports,
    [property: Id(6)] DateTimeOffset? LastPublish,
    [property: Id(7)] IReadOnlyList<SensorHealthValue> Sensors,
    [property: Id(8)] double? CpuTemperature,
    [property: Id(9)] long? FreeDiskBytes,
    [property: Id(10)] double? ClockSkewSeconds,
    [property: Id(11)] string? SoftwareVersion,
    [property: Id(12)] MonitoringSite? Site = null,
    [property: Id(13)] string? SiteRefusal = null);

[GenerateSerializer, Immutable, Alias("citybrain.SensorHealthValue.v1")]
public sealed record SensorHealthValue(
    [property: Id(0)] string Sensor,
    [property: Id(1)] string Model,
    [property: Id(2)] long Samples,
    [property: Id(3)] long Errors,
    [property: Id(4)] string? LastError,
    [property: Id(5)] double? CalibrationOffset,
    [property: Id(6)] double? CalibrationFactor,
    [property: Id(7)] DateOnly? CalibrationDate);
