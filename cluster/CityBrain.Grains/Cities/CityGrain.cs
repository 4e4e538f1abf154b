using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Hours;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Reporting;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Rankings;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;
using Microsoft.Extensions.Options;

namespace CityBrain.Grains.Cities;

/// <summary>The whole city: its districts as they last reported, and its own hours, built from the districts' shares
/// and closed after theirs, so city indicators are means over every device as the standards take them.</summary>
public sealed class CityGrain : Grain, ICityGrain
{
    private readonly IPersistentState<CityGrainState> _state;
    private readonly CityCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly IHistoryStore _history;
    private readonly GrainOptions _options;
    private readonly AreaIndicators _indicators;
    private readonly Dictionary<string, DistrictSnapshot> _districts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Metric, DateTimeOffset At), IReadOnlyList<DistrictValues>> _rankedBefore = [];
    private DeferredAction _save = null!;
    private AreaHourSums _sums = null!;
    private DateTimeOffset _updatedAt;

    public CityGrain(
        [PersistentState("city", GrainStorageNames.State)] IPersistentState<CityGrainState> state,
        CityCatalog catalog, TimeProvider time, IHistoryStore history, IOptions<GrainOptions> options)
    {
        _state = state;
        _catalog = catalog;
        _time = time;
        _history = history;
        _options = options.Value;
        _indicators = _options.IndicatorsFor(catalog.Calendar);
    }

    private AreaHours Hours => _state.State.Hours;

    /// <summary>The city closes an hour after its districts have.</summary>
    private TimeSpan CloseDelay => _options.HourCloseDelay + 2 * _options.AreaCloseDelay;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _updatedAt = _time.GetUtcNow();
        _save = new DeferredAction(this, _time, _options.SavePeriod, _ => _state.WriteStateAsync());
        _sums = new AreaHourSums(_history, _catalog.Calendar, HistoryScope.District, _catalog.City.Id);
        if ((await _sums.ReconcileAsync(Hours, _updatedAt, cancellationToken)).Count > 0) _save.MarkChanged();
        foreach (var district in _catalog.City.Districts)
        {
            GrainFactory.GetGrain<IDistrictGrain>(district.Id).Wake().Ignore();
        }
        this.RegisterGrainTimer(CloseHoursAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.ReportPeriod,
            Period = _options.ReportPeriod,
            KeepAlive = true,
        });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _save.FlushAsync(cancellationToken);

    public Task ReportDistrict(DistrictSnapshot snapshot)
    {
        if (!_catalog.Contains(snapshot.DistrictId)) return Task.CompletedTask;
        _districts[snapshot.DistrictId] = snapshot;
        _updatedAt = _time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task ShareChanged(ShareChanged change)
    {
        if (!_catalog.Contains(change.From)) return Task.CompletedTask;
        Hours.MarkChanged(change.Hour, _time.GetUtcNow(), _options.AreaCloseDelay);
        _save.MarkChanged();
        return Task.CompletedTask;
    }

    public Task<CitySnapshot> GetSnapshot()
    {
        var now = _time.GetUtcNow();
        var districts = _catalog.City.Districts
            .Select(d => _districts.TryGetValue(d.Id, out var s) ? s : DistrictSnapshot.Empty(d.Id, _updatedAt))
            .ToList();
        var latest = Latest(districts);
        var values = latest.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        var air = _indicators.Air(Hours, now, values);
        var report = new AreaReport(air, _indicators.Daily(Hours, now), _indicators.Noise(Hours, now, zone: null),
            NetworkSummary.Combine(districts.Select(d => d.Indicators.Network)), AreaIndicators.RankingValues(Hours, air, values),
            [.. districts.SelectMany(d => d.Indicators.Alerts)]);
        return Task.FromResult(new CitySnapshot(districts, _updatedAt, latest, report));
    }

    public async Task<DistrictRanking> GetRanking(string metric)
    {
        // Every district of the city is listed; one without a value comes last, unranked, rather than missing.
        var current = _catalog.City.Districts.Select(d => new DistrictValues(d.Id,
            _districts.TryGetValue(d.Id, out var s) ? s.Indicators.RankingValues : new Dictionary<string, double>())).ToList();
        var hour = _districts.Values.Select(d => d.Indicators.Air?.Hour).Where(h => h is not null).Max(h => h!.Value.Start);
        if (hour == default) return DistrictRanking.Rank(metric, current);
        return DistrictRanking.Rank(metric, current, await RankedAtAsync(metric, hour.AddHours(-1)), await RankedAtAsync(metric, hour.AddDays(-1)));
    }

    /// <summary>The districts' values of a past hour, from the history (kept for the hour: rankings are asked for far
    /// more often than hours pass).</summary>
    private async Task<IReadOnlyList<DistrictValues>> RankedAtAsync(string metric, DateTimeOffset hourStart)
    {
        if (_rankedBefore.TryGetValue((metric, hourStart), out var cached)) return cached;
        var values = new List<DistrictValues>();
        foreach (var district in _catalog.City.Districts)
        {
            var points = await _history.ReadAsync(new HistoryQuery(HistoryScope.District, district.Id, HistoryResolution.Hour,
                hourStart, hourStart.AddHours(1), [metric]));
            values.Add(new DistrictValues(district.Id, points.Where(p => p.Value is not null).ToDictionary(p => p.Metric, p => p.Value!.Value)));
        }
        foreach (var stale in _rankedBefore.Keys.Where(k => k.At < hourStart.AddDays(-1)).ToList()) _rankedBefore.Remove(stale);
        _rankedBefore[(metric, hourStart)] = values;
        return values;
    }

    private async Task CloseHoursAsync(CancellationToken cancellationToken)
    {
        var due = Hours.CloseDue(_catalog.Calendar, _time.GetUtcNow(), CloseDelay);
        if (due.Count == 0) return;
        await _sums.SumAsync(Hours, due, cancellationToken);
        await _history.WriteAsync([.. due.SelectMany(h => _indicators.PointsOf(HistoryScope.City, _catalog.City.Id, Hours, h))], cancellationToken);
        _save.MarkChanged();
    }

    /// <summary>City-wide latest means: each district's mean weighted by its devices, so every device counts once.</summary>
    private static Dictionary<Quantity, AggregateValue> Latest(IEnumerable<DistrictSnapshot> districts) =>
        districts
            .SelectMany(d => d.Latest)
            .GroupBy(kv => kv.Key, kv => kv.Value)
            .ToDictionary(g => g.Key, g =>
            {
                var mean = new MeanAccumulator(MeanKinds.For(g.Key));
                foreach (var value in g) mean.Add(value.Value, value.Devices);
                return new AggregateValue(mean.Mean!.Value, g.Max(v => v.UpdatedAt), g.Sum(v => v.Devices));
            });
}
