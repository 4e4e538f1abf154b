using CityBrain.Contracts.Payloads;
using CityBrain.Grains.Devices;

namespace CityBrain.Ingest.Pipeline;

internal static class HealthMapping
{
    public static DeviceHealth ToGrain(this Health h, SiteVerdict site) => new(
        h.Timestamp, h.UptimeSeconds, h.OutboxDepth, h.OldestUnsentAgeSeconds, h.ThinnedReports, h.DroppedReports,
        h.LastPublish,
        h.Sensors.Select(s => new SensorHealthValue(s.Sensor, s.Model, s.Samples, s.Errors, s.LastError,
            s.Calibration?.Offset, s.Calibration?.Factor, s.Calibration?.Date)).ToList(),
        h.CpuTemperature, h.FreeDiskBytes, h.ClockSkewSeconds, h.SoftwareVersion, site.Site, site.Refusal);
}
