using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Uplinks;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>Turns one report window of one gateway into the messages it publishes: its honest report, or what its
/// faults make of it. Which windows a probabilistic fault hits is drawn from the seed, so faults reproduce too.</summary>
public sealed class ReportComposer(CityAir air, TimeSpan reportInterval, int seed)
{
    private static readonly ulong DeliveryStream = SeededNoise.Hash("delivery-fault");
    private static readonly ulong GapStream = SeededNoise.Hash("history-gap");

    /// <summary>Share of a gateway's history windows in which one sensor delivered no valid sample, as a month of a real
    /// network has (a sensor unplugged, a fan clogged): the cluster's validity rate is then below 100 %.</summary>
    public const double HistoryGapShare = 0.03;
    private readonly SeededNoise _noise = new(seed);

    public TimeSpan ReportInterval => reportInterval;

    /// <summary>The messages of one report window; their sequence number is given when they are sent.</summary>
    public IReadOnlyList<OutgoingMessage> Compose(GatewaySite site, IReadOnlyList<ActiveFault> faults, DateTimeOffset windowStart)
    {
        var active = faults.Where(f => f.Covers(windowStart)).ToList();
        var readings = air.Measure(site, windowStart, reportInterval);
        if (active.Count > 0)
        {
            readings = ReadingFaults.Apply(readings, active, windowStart,
                f => air.Measure(site, Align(f.From), reportInterval));
        }
        var skew = ActiveFault.ClockSkew(active, windowStart);
        var report = new Telemetry(Telemetry.CurrentVersion, site.DeviceId, 0, (windowStart + skew).ToUniversalTime(), (int)reportInterval.TotalSeconds, readings);

        var slot = (ulong)windowStart.UtcTicks;
        if (Drawn(active, FaultKind.Corrupt, site, slot) is { } corrupt)
        {
            var variant = CorruptPayloads.All[(int)(_noise.Uniform(DeliveryStream, site.Key ^ (ulong)corrupt.Index, slot ^ 7) * CorruptPayloads.All.Count)];
            return [new OutgoingMessage(MessageKind.Corrupt, site.TelemetryTopic, report, variant)];
        }
        if (Drawn(active, FaultKind.ForeignTopic, site, slot) is { ForeignTopic: { } foreign })
        {
            return [new OutgoingMessage(MessageKind.ForeignTopic, foreign, report)];
        }
        var honest = new OutgoingMessage(skew == TimeSpan.Zero ? MessageKind.Report : MessageKind.Skewed, site.TelemetryTopic, report);
        return Drawn(active, FaultKind.Duplicate, site, slot) is null ? [honest] : [honest, honest with { Kind = MessageKind.Duplicate }];
    }

    /// <summary>The honest report of one window of a gateway's history: the same values a live report of that window
    /// would carry, except that in a seeded <see cref="HistoryGapShare"/> of windows one sensor's reading is invalid.</summary>
    public OutgoingMessage History(GatewaySite site, HistoryWindow window)
    {
        var readings = air.Measure(site, window.Start, window.Length);
        var slot = (ulong)window.Start.UtcTicks;
        if (_noise.Uniform(GapStream, site.Key, slot) < HistoryGapShare)
        {
            var broken = (int)(_noise.Uniform(GapStream, site.Key, slot ^ 1) * readings.Count);
            readings = [.. readings.Select((r, i) => i != broken ? r
                : Reading.Of(r.Quantity, null, Quality.Invalid, r.Sensor, count: 0, reason: ReadingFaults.NoAnswer))];
        }
        var report = new Telemetry(Telemetry.CurrentVersion, site.DeviceId, 0, window.Start.ToUniversalTime(), (int)window.Length.TotalSeconds, readings);
        return new OutgoingMessage(MessageKind.Backfill, site.TelemetryTopic, report);
    }

    /// <summary>The start of the report window that contains <paramref name="at"/>: windows lie on a grid of the report
    /// interval from the Unix epoch, so that they tile the hours the cluster aggregates by.</summary>
    public DateTimeOffset Align(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % reportInterval.Ticks, TimeSpan.Zero);

    private ActiveFault? Drawn(List<ActiveFault> active, FaultKind kind, GatewaySite site, ulong slot) =>
        active.FirstOrDefault(f => f.Fault.Kind == kind && _noise.Uniform(DeliveryStream, site.Key ^ (ulong)f.Index, slot) < f.Fault.Rate);
}
