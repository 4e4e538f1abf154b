using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Health;
using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>What one simulated gateway knows of itself for its health report, kept as a gateway's samplers keep it:
/// per sensor the samples its reports summarised and the windows in which it gave no valid sample (an error, with the
/// reason as the last error). The payload is built by the edge gateway's <see cref="HealthPayload"/>, the outbox part
/// comes from the uplink, so a simulated gateway's health reads like a real one's.</summary>
public sealed class GatewayHealth(GatewaySite site, TimeSpan interval, DateTimeOffset startedAt)
{
    private static readonly string? Version = typeof(GatewayHealth).Assembly.GetName().Version?.ToString();

    private readonly Dictionary<string, Tally> _sensors = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastReport;

    /// <summary>Counts one window's report of the gateway's sensors.</summary>
    public void Observe(Telemetry report)
    {
        foreach (var reading in report.Readings)
        {
            if (!_sensors.TryGetValue(reading.Sensor, out var tally)) _sensors[reading.Sensor] = tally = new Tally();
            tally.Samples += reading.Count ?? (reading.Quality == Quality.Invalid ? 0 : 1);
            if (reading.Quality != Quality.Invalid) continue;
            tally.Errors++;
            tally.LastError = reading.Reason;
        }
    }

    /// <summary>Whether a health report is due at <paramref name="now"/>: the first after the start, then one per interval.</summary>
    public bool IsDue(DateTimeOffset now) => _lastReport is not { } last || now - last >= interval;

    /// <summary>Publishes the health report of <paramref name="now"/> through <paramref name="uplink"/>; the next is due an
    /// interval later even when this one was not delivered, as on a gateway.</summary>
    /// <param name="clockSkew">How far the gateway's clock is off (a clock-skew fault), as its clock check would measure.</param>
    public Task<bool> PublishAsync(IGatewayUplink uplink, DateTimeOffset now, TimeSpan clockSkew, CancellationToken cancellationToken)
    {
        _lastReport = now;
        return uplink.PublishHealthAsync(state => HealthPayload.Build(
            site.DeviceId, now, startedAt, state.Outbox, Sensors(), clockSkew.TotalSeconds, Version, state.Broker, state.Failovers, site: site.Site), cancellationToken);
    }

    private List<SensorHealth> Sensors() =>
        [.. _sensors.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SensorHealth(s.Key, s.Key, s.Value.Samples, s.Value.Errors, s.Value.LastError))];

    private sealed class Tally
    {
        public long Samples { get; set; }
        public long Errors { get; set; }
        public string? LastError { get; set; }
    }
}
