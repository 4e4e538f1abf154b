using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Hours;
using CityBrain.Grains.Reporting;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Rankings;
using CityBrain.Indicators.Validity;
using CityBrain.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Grains.Regions;

/// <summary>A region of the tree above the districts: its children as they last reported, and its own hours, built
/// from the children's stored shares and closed after theirs, so its indicators are means over every device below it
/// as the standards take them. It reports to its parent region as a district reports to it.</summary>
public sealed class RegionGrain : Grain, IRegionGrain
{
    private readonly IPersistentState<RegionGrainState> _state;
    private readonly RegionCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly IHistoryStore _history;
    private readonly IClusterMembershipService _membership;
    private readonly GrainOptions _options;
    private readonly ILogger<RegionGrain> _logger;
    private readonly AreaIndicators _indicators;
    private readonly Dictionary<string, AreaSnapshot> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Metric, DateTimeOffset At), (IReadOnlyList<DistrictValues> Values, DateTimeOffset Until)> _rankedBefore = [];
    private RegionNode _node = null!;
    private string? _parentId;
    private DeferredAction _save = null!;
    private AreaHourSums _sums = null!;
    private DateTimeOffset _updatedAt;

    public RegionGrain(
        [PersistentState("region", GrainStorageNames.State)] IPersistentState<RegionGrainState> state,
        RegionCatalog catalog, TimeProvider time, IHistoryStore history, IClusterMembershipService membership,
        IOptions<GrainOptions> options, ILogger<RegionGrain> logger)
    {
        _state = state;
        _catalog = catalog;
        _time = time;
        _history = history;
        _membership = membership;
        _options = options.Value;
        _logger = logger;
        _indicators = _options.IndicatorsFor(catalog.Calendar);
    }

    private string RegionId => this.GetPrimaryKeyString();

    private AreaHours Hours => _state.State.Hours;

    /// <summary>A region closes an hour after every level below it has: devices, then each level of places.</summary>
    private TimeSpan CloseDelay => _options.HourCloseDelay + _catalog.HeightOf(RegionId) * _options.AreaCloseDelay;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_catalog.Tree.TryFind(RegionId, out _node) || _node.IsLeaf)
        {
            throw new InvalidOperationException($"'{RegionId}' is not a region of the tree's regions file");
        }
        _parentId = _catalog.ParentIdOf(RegionId);
        _updatedAt = _time.GetUtcNow();
        _save = new DeferredAction(this, _time, _options.SavePeriod, _ => _state.WriteStateAsync());
        // Children of both kinds are allowed (a province may hold a county-level city beside its cities), each kind
        // storing its shares under its own scope.
        _sums = new AreaHourSums(_history, _catalog.Calendar, [.. _node.Children.Select(RegionCatalog.ScopeOf).Distinct()], RegionId);
        if ((await _sums.ReconcileAsync(Hours, _updatedAt, cancellationToken)).Count > 0) _save.MarkChanged();
        foreach (var child in _node.Children)
        {
            (child.IsLeaf ? GrainFactory.GetGrain<IDistrictGrain>(child.Id).Wake() : GrainFactory.GetGrain<IRegionGrain>(child.Id).Wake()).Ignore();
        }
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.ReportPeriod,
            Period = _options.ReportPeriod,
            KeepAlive = true,
        });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _save.FlushAsync(cancellationToken);

    public Task ReportChild(AreaSnapshot snapshot)
    {
        if (!IsChild(snapshot.Id)) return Task.CompletedTask;
        _children[snapshot.Id] = snapshot;
        _updatedAt = _time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task ShareChanged(ShareChanged change)
    {
        if (!IsChild(change.From)) return Task.CompletedTask;
        Hours.MarkChanged(change.Hour, _time.GetUtcNow(), _options.AreaCloseDelay, _options.LateWindow);
        _save.MarkChanged();
        return Task.CompletedTask;
    }

    public Task<RegionSnapshot> GetSnapshot()
    {
        var children = Children();
        return Task.FromResult(new RegionSnapshot(Snapshot(children, _time.GetUtcNow()), children));
    }

    public Task Wake() => Task.CompletedTask;

    public async Task<DistrictRanking> GetRanking(string metric)
    {
        // Every child is listed; one without a value comes last, unranked, rather than missing.
        var current = _node.Children.Select(c => new DistrictValues(c.Id,
            _children.TryGetValue(c.Id, out var s) ? s.Indicators.RankingValues : new Dictionary<string, double>())).ToList();
        // Before any child has an AQI hour there is nothing earlier to compare with.
        if (_children.Values.Select(c => c.Indicators.Air?.Hour.Start).Max() is not { } hour) return DistrictRanking.Rank(metric, current);
        return DistrictRanking.Rank(metric, current, await RankedAtAsync(metric, hour.AddHours(-1)), await RankedAtAsync(metric, hour.AddDays(-1)));
    }

    private bool IsChild(string id) => _catalog.ParentIdOf(id) == RegionId;

    private List<AreaSnapshot> Children() =>
        [.. _node.Children.Select(c => _children.TryGetValue(c.Id, out var s) ? s : AreaSnapshot.Empty(c.Id, _updatedAt))];

    /// <summary>The children's values of a past hour, from the history. Rankings are asked for far more often than hours
    /// pass, so the values are kept: for the hour once every child has one, for ten seconds while some child has none
    /// (its history may be on its way, as a backlog or a first start's backfill).</summary>
    private async Task<IReadOnlyList<DistrictValues>> RankedAtAsync(string metric, DateTimeOffset hourStart)
    {
        var now = _time.GetUtcNow();
        if (_rankedBefore.TryGetValue((metric, hourStart), out var cached) && cached.Until > now) return cached.Values;
        var values = new List<DistrictValues>();
        foreach (var child in _node.Children)
        {
            var points = await _history.ReadAsync(new HistoryQuery(RegionCatalog.ScopeOf(child), child.Id, HistoryResolution.Hour,
                hourStart, hourStart.AddHours(1), [metric]));
            values.Add(new DistrictValues(child.Id, points.Where(p => p.Value is not null).ToDictionary(p => p.Metric, p => p.Value!.Value)));
        }
        foreach (var stale in _rankedBefore.Keys.Where(k => k.At < hourStart.AddDays(-1)).ToList()) _rankedBefore.Remove(stale);
        var complete = values.All(v => v.Values.ContainsKey(metric));
        _rankedBefore[(metric, hourStart)] = (values, now + (complete ? TimeSpan.FromHours(1) : TimeSpan.FromSeconds(10)));
        return values;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        // Hours close after the restart instead, when the parent can take the shares.
        if (!_membership.AnySiloActive()) return;
        await CloseHoursAsync(cancellationToken);
        if (_parentId is not { } parent || !_membership.AnySiloActive()) return;
        var region = GrainFactory.GetGrain<IRegionGrain>(parent);
        // What the parent could not take now waits for the next tick.
        await ShareDelivery.DeliverAsync(_state.State.Undelivered, notice => region.ShareChanged(notice.Change), _save.MarkChanged, _logger, RegionId);
        if (!_membership.AnySiloActive()) return;
        await region.ReportChild(Snapshot(Children(), _time.GetUtcNow()));
    }

    /// <summary>Sums the hours due from the children's shares and writes the region's history and its own share of
    /// its parent's hour in one commit before telling the parent.</summary>
    private async Task CloseHoursAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = Hours.CloseDue(_catalog.Calendar, now, CloseDelay);
        if (due.Count == 0) return;
        await _sums.SumAsync(Hours, due, now, cancellationToken);
        var points = due.SelectMany(h => _indicators.PointsOf(HistoryScope.Region, RegionId, Hours, h)).ToList();
        if (_parentId is { } parent)
        {
            await _history.WriteAsync(points, [.. due.Select(hour => Hours.ShareOf(HistoryScope.Region, RegionId, parent, hour))], cancellationToken);
            _state.State.Undelivered.AddRange(due.Select(hour => new PendingShare(parent, new ShareChanged(RegionId, hour))));
        }
        else
        {
            await _history.WriteAsync(points, cancellationToken);
        }
        _save.MarkChanged();
    }

    private AreaSnapshot Snapshot(IReadOnlyList<AreaSnapshot> children, DateTimeOffset now)
    {
        var latest = Latest(children);
        var values = latest.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        var air = _indicators.Air(Hours, now, values);
        var report = new AreaReport(air, _indicators.Daily(Hours, now), _indicators.Noise(Hours, now, zone: null),
            NetworkSummary.Combine(children.Select(c => c.Indicators.Network)), AreaIndicators.RankingValues(Hours, air, values),
            [.. children.SelectMany(c => c.Indicators.Alerts)],
            NoiseCompliance.Combine(children.Select(c => c.Indicators.NoiseCompliance ?? NoiseCompliance.None)));
        return new AreaSnapshot(RegionId, children.Sum(c => c.DevicesRegistered), children.Sum(c => c.DevicesOnline), latest, _updatedAt, report);
    }

    /// <summary>Region-wide latest means: each child's mean weighted by its devices, so every device counts once.</summary>
    private static Dictionary<Quantity, AggregateValue> Latest(IEnumerable<AreaSnapshot> children) =>
        children
            .SelectMany(c => c.Latest)
            .GroupBy(kv => kv.Key, kv => kv.Value)
            .ToDictionary(g => g.Key, g =>
            {
                var mean = new MeanAccumulator(MeanKinds.For(g.Key));
                foreach (var value in g) mean.Add(value.Value, value.Devices);
                return new AggregateValue(mean.Mean!.Value, g.Max(v => v.UpdatedAt), g.Sum(v => v.Devices));
            });
}
