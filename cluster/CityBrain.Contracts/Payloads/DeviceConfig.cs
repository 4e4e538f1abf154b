namespace CityBrain.Contracts.Payloads;

/// <summary>Retained on <c>…/config</c>, cluster to gateway: applied without a restart and kept locally.</summary>
/// <param name="SampleIntervalSeconds">Default sampling interval; <see cref="SensorSampleIntervals"/> overrides it per sensor.</param>
/// <param name="EnabledSensors">Sensor names to read; absent means all configured sensors.</param>
public sealed record DeviceConfig(
    int Version,
    int ReportIntervalSeconds,
    int? SampleIntervalSeconds = null,
    IReadOnlyList<string>? EnabledSensors = null,
    IReadOnlyDictionary<string, int>? SensorSampleIntervals = null);
