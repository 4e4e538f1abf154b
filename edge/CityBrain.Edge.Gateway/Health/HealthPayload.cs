using CityBrain.Contracts.Payloads;

namespace CityBrain.Edge.Health;

/// <summary>The one place a health report is put together, for a gateway's own state and for a simulated gateway's,
/// so that the cluster reads the same payload from both.</summary>
public static class HealthPayload
{
    /// <param name="broker">The broker (host:port) the link is connected to.</param>
    /// <param name="failovers">Connects to another broker than the one before, since the gateway started.</param>
    /// <param name="site">Where the gateway stands, announced with every report so the cluster learns it without a registry.</param>
    public static Contracts.Payloads.Health Build(
        string deviceId, DateTimeOffset timestamp, DateTimeOffset startedAt, OutboxSnapshot outbox, IReadOnlyList<SensorHealth> sensors,
        double? clockSkewSeconds, string? softwareVersion, string broker, long failovers, double? cpuTemperature = null, long? freeDiskBytes = null, Site? site = null) => new(
        Telemetry.CurrentVersion, deviceId, timestamp, Math.Round((timestamp - startedAt).TotalSeconds, 1),
        outbox.Depth, outbox.OldestUnsentAgeSeconds, outbox.Thinned, outbox.Dropped, outbox.LastPublish,
        sensors,
        cpuTemperature, freeDiskBytes, clockSkewSeconds, softwareVersion, outbox.Refused, broker, failovers, site);
}
