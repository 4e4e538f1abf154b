using CityBrain.Edge.Configuration;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Reporting;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Timing;

namespace CityBrain.Edge.Health;

/// <summary>Puts together the gateway's snapshot from what its parts already know.</summary>
public sealed class GatewayMonitor(
    GatewayOptions options,
    GatewayPublisher publisher,
    IReadOnlyList<SensorSampler> samplers,
    LiveSettings settings,
    WindowReporter reporter,
    ClockCheck clock,
    TimeProvider time)
{
    private static readonly string? Version = typeof(GatewayMonitor).Assembly.GetName().Version?.ToString();
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public async Task<GatewaySnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = publisher.Link;
        var state = link.State;
        return new GatewaySnapshot(
            options.DeviceId, options.District, now, _started, Environment.ProcessId, Version,
            new LinkSnapshot(state.Condition, state.Detail, state.Since, link.Broker.ToString(), link.Connects, link.Refusals, link.Failovers, link.Conflict),
            await publisher.OutboxSnapshotAsync(options.Outbox.DiskBudgetBytes, cancellationToken),
            samplers.Select(s =>
            {
                var counters = s.Counters;
                return new SensorSnapshot(s.Name, s.Model, settings.IsEnabled(s.Name), s.SampleInterval(settings).TotalSeconds,
                    counters.Samples, counters.Errors, counters.ErrorsByKind, counters.LastError, s.Calibration?.ToContract());
            }).ToList(),
            new ClockSnapshot(clock.IsTrusted, clock.SkewSeconds, clock.BuildDate, reporter.HeldBack),
            (int)settings.ReportInterval.TotalSeconds,
            SystemProbe.CpuTemperature(),
            SystemProbe.FreeDiskBytes(options.DataDirectory),
            options.SiteReport());
    }
}
