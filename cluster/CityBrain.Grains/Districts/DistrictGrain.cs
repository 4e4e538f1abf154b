using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Hours;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Reporting;
using CityBrain.Indicators.Alerts;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Network;
using CityBrain.Indicators.Noise;
using CityBrain.Indicators.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Grains.Districts;

public sealed class DistrictGrain : Grain, IDistrictGrain
{
    private readonly IPersistentState<DistrictGrainState> _state;
    private readonly RegionCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly IHistoryStore _history;
    private readonly IClusterMembershipService _membership;
    private readonly GrainOptions _options;
    private readonly ILogger<DistrictGrain> _logger;
    private readonly AreaIndicators _indicators;
    private readonly NetworkHealthOptions _healthOptions;
    private DeferredAction _save = null!;
    private AreaHourSums _sums = null!;
    private NoiseZone? _zone;
    private string _parentId = null!;
    private bool _valuesChanged;
    private DateTimeOffset _alertsCheckedAt = DateTimeOffset.MinValue;

    public DistrictGrain(
        [PersistentState("district", GrainStorageNames.State)] IPersistentState<DistrictGrainState> state,
        RegionCatalog catalog, TimeProvider time, IHistoryStore history, IClusterMembershipService membership,
        IOptions<GrainOptions> options, ILogger<DistrictGrain> logger)
    {
        _state = state;
        _membership = membership;
        _catalog = catalog;
        _time = time;
        _history = history;
        _options = options.Value;
        _logger = logger;
        _indicators = _options.IndicatorsFor(catalog.Calendar);
        _healthOptions = new NetworkHealthOptions { OnlineWindow = _options.OnlineWindow };
    }

    private string DistrictId => this.GetPrimaryKeyString();

    private DistrictGrainState State => _state.State;

    /// <summary>Districts close an hour after their devices have.</summary>
    private TimeSpan CloseDelay => _options.HourCloseDelay + _options.AreaCloseDelay;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_catalog.TryGetDistrict(DistrictId, out var district))
        {
            throw new InvalidOperationException($"'{DistrictId}' is not a district of the tree's regions file");
        }
        _zone = NoiseZones.TryParse(district.NoiseZone ?? "", out var zone) ? zone : null;
        _parentId = _catalog.ParentIdOf(DistrictId)!;
        _save = new DeferredAction(this, _time, _options.SavePeriod, _ => SaveAsync());
        _sums = new AreaHourSums(_history, _catalog.Calendar, [HistoryScope.Device], DistrictId);
        if ((await _sums.ReconcileAsync(State.Hours, _time.GetUtcNow(), cancellationToken)).Count > 0) _save.MarkChanged();
        // Periodic rather than on change: devices going silent changes the online count without any message arriving,
        // and hours close by the clock. Districts are few, so they stay active and keep the city current.
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromMilliseconds(100),
            Period = _options.ReportPeriod,
            KeepAlive = true,
        });
    }

    /// <summary>Everything is saved on the way out, so a graceful restart resumes exactly where it stopped.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _save.Pending || _valuesChanged ? SaveAsync() : Task.CompletedTask;

    /// <summary>Only a change of membership is saved at once. Latest values change with every report and a district
    /// may hold tens of thousands of devices; rewriting all of them every save period would cost more than the values
    /// are worth after a crash, when each device restates its own within one report interval.</summary>
    public Task ReportDevice(DeviceSummary summary)
    {
        if (State.Devices.TryAdd(summary.DeviceId, summary))
        {
            _save.MarkChanged();
        }
        else
        {
            // A site changes seldom and is not restated within a report interval after a crash, unlike the values.
            if (State.Devices[summary.DeviceId].Site != summary.Site) _save.MarkChanged();
            else _valuesChanged = true;
            State.Devices[summary.DeviceId] = summary;
        }
        return Task.CompletedTask;
    }

    public Task ShareChanged(ShareChanged change)
    {
        State.Hours.MarkChanged(change.Hour, _time.GetUtcNow(), _options.AreaCloseDelay, _options.LateWindow);
        _save.MarkChanged();
        return Task.CompletedTask;
    }

    public Task RemoveDevice(string deviceId)
    {
        if (State.Devices.Remove(deviceId)) _save.MarkChanged();
        return Task.CompletedTask;
    }

    public Task<DistrictDetail> GetDetail()
    {
        var now = _time.GetUtcNow();
        var devices = State.Devices.Values
            .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
            .Select(d => new DeviceStatus(d.DeviceId, d.IsOnline(now, _options.OnlineWindow), d.LastSeen, KeyValues(d, now), d.Site))
            .ToList();
        return Task.FromResult(new DistrictDetail(Snapshot(now), devices, Health(now)));
    }

    private Dictionary<Quantity, double> KeyValues(DeviceSummary device, DateTimeOffset now) =>
        device.Latest
            .Where(kv => DeviceStatus.KeyQuantities.Contains(kv.Key) && kv.Value.IsUsable(now, _options.StaleAfter))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Value!.Value);

    public Task Wake() => Task.CompletedTask;

    private Task SaveAsync()
    {
        _valuesChanged = false;
        return _state.WriteStateAsync();
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        // Hours close after the restart instead, when the region can take the shares.
        if (!_membership.AnySiloActive()) return;
        var now = _time.GetUtcNow();
        await CloseHoursAsync(now, cancellationToken);
        // Checked again after every wait: the last silo may have begun to stop meanwhile.
        if (!_membership.AnySiloActive()) return;
        var region = GrainFactory.GetGrain<IRegionGrain>(_parentId);
        // What the region could not take now waits for the next tick.
        await ShareDelivery.DeliverAsync(State.Undelivered, notice => region.ShareChanged(notice.Change), _save.MarkChanged, _logger, DistrictId);
        if (now - _alertsCheckedAt >= _options.AlertPeriod)
        {
            _alertsCheckedAt = now;
            var devices = State.Devices.Values.Select(d => DeviceCondition.Of(Observe(d), now, _healthOptions));
            if (State.Alerts.Evaluate(devices.SelectMany(c => AlertChecks.ForDevice(c, now, _healthOptions)), _logger)) _save.MarkChanged();
            if (State.RunningHour.Evaluate(_catalog.Calendar.HourOf(now), RunningHourChecks(now))) _save.MarkChanged();
        }
        if (!_membership.AnySiloActive()) return;
        await region.ReportChild(Snapshot(now));
    }

    /// <summary>Closes the hours due: sums them from the devices' shares, raises the alerts of the hour just ended, and
    /// writes the history and the district's share of the city's hour in one commit before telling the city. Hours
    /// summed again after late data rewrite both, but raise no alerts: an alert is about now.</summary>
    private async Task CloseHoursAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = State.Hours.CloseDue(_catalog.Calendar, now, CloseDelay);
        if (due.Count == 0) return;
        await _sums.SumAsync(State.Hours, due, now, cancellationToken);
        var points = due.SelectMany(h => _indicators.PointsOf(HistoryScope.District, DistrictId, State.Hours, h)).ToList();
        var justEnded = _catalog.Calendar.HourOf(now - CloseDelay - TimeSpan.FromHours(1));
        if (due.Contains(justEnded))
        {
            var network = Health(now);
            points.Add(new HistoryPoint(HistoryScope.District, DistrictId, HistoryMetrics.OnlineRate, HistoryResolution.Hour, justEnded.Start, network.OnlineRate, network.Registered));
            points.Add(new HistoryPoint(HistoryScope.District, DistrictId, HistoryMetrics.ValidityRate, HistoryResolution.Hour, justEnded.Start, network.ValidityRate, network.ExpectedHourlyValues));
            State.Alerts.Evaluate(HourChecks(justEnded), _logger);
        }
        var shares = due.Select(hour => State.Hours.ShareOf(HistoryScope.District, DistrictId, _parentId, hour)).ToList();
        await _history.WriteAsync(points, shares, cancellationToken);
        State.Undelivered.AddRange(due.Select(hour => new PendingShare(_parentId, new ShareChanged(DistrictId, hour))));
        _save.MarkChanged();
    }

    private IEnumerable<AlertCheck> HourChecks(ClockHour hour)
    {
        var at = hour.End;
        foreach (var check in AlertChecks.ForAir(DistrictId, at, _indicators.HourAqi(State.Hours, hour))) yield return check;
        if (_zone is { } zone && State.Hours.Series(Contracts.Vocabulary.Quantity.Noise).TryGet(hour, out var leq))
        {
            yield return AlertChecks.ForNoise(DistrictId, at, zone.Assess(_options.NoiseSchedule.PeriodOf(hour), leq));
        }
    }

    /// <summary>The running hour's AQI and pollutants so far, so an episode is alerted within minutes rather than
    /// after its hour closes.</summary>
    private IEnumerable<AlertCheck> RunningHourChecks(DateTimeOffset now)
    {
        var latest = Aggregation.LatestMeans(State.Devices.Values, now, _options.StaleAfter).ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        return AlertChecks.ForAir(DistrictId, now, _indicators.RunningHourAqi(State.Hours, _catalog.Calendar.HourOf(now), latest));
    }

    private NetworkHealth Health(DateTimeOffset now) => NetworkHealth.Assess(State.Devices.Values.Select(Observe), now, _healthOptions);

    private DeviceObservation Observe(DeviceSummary d) => new(d.DeviceId, DistrictId, d.LastSeen, d.SaidGoodbye,
        [.. d.Latest.Select(kv => new QuantityObservation(kv.Key, kv.Value.Quality, kv.Value.UpdatedAt, kv.Value.Reason))],
        d.ValidHourlyValues, d.ExpectedHourlyValues);

    private AreaSnapshot Snapshot(DateTimeOffset now)
    {
        var devices = State.Devices.Values;
        var latest = Aggregation.LatestMeans(devices, now, _options.StaleAfter);
        var values = latest.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        var air = _indicators.Air(State.Hours, now, values);
        var noise = _indicators.Noise(State.Hours, now, _zone);
        var report = new AreaReport(air, _indicators.Daily(State.Hours, now), noise,
            NetworkSummary.Of(Health(now)), AreaIndicators.RankingValues(State.Hours, air, values),
            [.. State.Alerts.Active, .. State.RunningHour.Unconfirmed(State.Alerts.Active), .. State.Alerts.Ended],
            NoiseCompliance.OfDistrict(noise));
        return new AreaSnapshot(DistrictId, devices.Count, devices.Count(d => d.IsOnline(now, _options.OnlineWindow)), latest, now, report);
    }
}
