using System.Globalization;
using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Sampling;

namespace CityBrain.Edge.Health;

/// <summary>Puts together the gateway's health report from what its parts already know.</summary>
public sealed class HealthComposer(string deviceId, string dataDirectory, TimeProvider time)
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public async Task<Contracts.Payloads.Health> ComposeAsync(SqliteOutbox outbox, OutboxPump pump, IReadOnlyList<SensorSampler> samplers,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (depth, oldest) = await outbox.BacklogAsync(cancellationToken);
        return new Contracts.Payloads.Health(
            Telemetry.CurrentVersion, deviceId, now, (now - _started).TotalSeconds, depth, oldest is { } o ? (now - o).TotalSeconds : null,
            ThinnedReports: 0, DroppedReports: pump.Refused, pump.LastPublish,
            samplers.Select(s => new SensorHealth(s.Name, s.Model, s.Samples, s.Errors, s.LastError)).ToList(),
            CpuTemperature(), FreeDiskBytes(), SoftwareVersion: typeof(HealthComposer).Assembly.GetName().Version?.ToString());
    }

    /// <summary>The SoC temperature where the kernel exposes it (Raspberry Pi: thermal zone 0, millidegrees).</summary>
    private static double? CpuTemperature()
    {
        const string zone = "/sys/class/thermal/thermal_zone0/temp";
        return File.Exists(zone) && double.TryParse(File.ReadAllText(zone).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milli)
            ? milli / 1000
            : null;
    }

    private long? FreeDiskBytes()
    {
        var root = Path.GetPathRoot(Path.GetFullPath(dataDirectory));
        return root is null ? null : new DriveInfo(root).AvailableFreeSpace;
    }
}
