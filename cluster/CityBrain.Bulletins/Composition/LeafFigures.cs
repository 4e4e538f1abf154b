using CityBrain.Bulletins.Model;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Noise;
using CityBrain.Regions;

namespace CityBrain.Bulletins.Composition;

/// <summary>What is only known per district and is counted over the districts below a place: noise against each
/// district's own GB 3096 zone, and the network's hourly online and validity rates.</summary>
internal sealed class LeafFigures(IHistoryStore history, PeriodSpan span)
{
    private static readonly string[] NoiseMetrics = [HistoryMetrics.NoiseDay, HistoryMetrics.NoiseNight];
    private static readonly string[] NetworkMetrics = [HistoryMetrics.OnlineRate, HistoryMetrics.ValidityRate];

    public async Task<NoiseSection> NoiseAsync(IReadOnlyList<RegionNode> leaves, CancellationToken cancellationToken)
    {
        int zoned = 0, dayMeasured = 0, dayOver = 0, nightMeasured = 0, nightOver = 0;
        foreach (var leaf in leaves)
        {
            // A district without a zone has no limit to be judged against: a mean level across zones says nothing.
            if (!Indicators.Noise.NoiseZones.TryParse(leaf.NoiseZone, out var zone)) continue;
            zoned++;
            var points = await history.ReadAsync(new HistoryQuery(HistoryScope.District, leaf.Id, HistoryResolution.Day, span.From, span.To, NoiseMetrics), cancellationToken);
            foreach (var point in points.Where(p => p.Value is not null))
            {
                // Compared as reported, to 0.1 dB, so that the bulletin never contradicts the level it prints.
                var over = Decibels.Round(point.Value!.Value) > zone.Limit(point.Metric == HistoryMetrics.NoiseDay ? NoisePeriod.Day : NoisePeriod.Night) ? 1 : 0;
                if (point.Metric == HistoryMetrics.NoiseDay)
                {
                    dayMeasured++;
                    dayOver += over;
                }
                else
                {
                    nightMeasured++;
                    nightOver += over;
                }
            }
        }
        return new NoiseSection(leaves.Count, zoned, new NoiseCompliance(dayMeasured, dayOver), new NoiseCompliance(nightMeasured, nightOver));
    }

    /// <summary>Each district-hour's rate weighted by what it counts (registered devices, expected hourly values), so
    /// a large district weighs as much as its devices do.</summary>
    public async Task<NetworkSection> NetworkAsync(IReadOnlyList<RegionNode> leaves, CancellationToken cancellationToken)
    {
        var online = new WeightedRate();
        var validity = new WeightedRate();
        foreach (var leaf in leaves)
        {
            var points = await history.ReadAsync(new HistoryQuery(HistoryScope.District, leaf.Id, HistoryResolution.Hour, span.From, span.To, NetworkMetrics), cancellationToken);
            foreach (var point in points)
            {
                (point.Metric == HistoryMetrics.OnlineRate ? online : validity).Add(point.Value, point.Count);
            }
        }
        return new NetworkSection(online.Rate, validity.Rate);
    }

    private sealed class WeightedRate
    {
        private double _sum;
        private double _weight;

        public double? Rate => _weight > 0 ? _sum / _weight : null;

        public void Add(double? rate, int weight)
        {
            if (rate is not { } value || weight <= 0) return;
            _sum += value * weight;
            _weight += weight;
        }
    }
}
