using CityBrain.Grains.Cities;
using CityBrain.Grains.Reporting;
using Microsoft.Extensions.Options;

namespace CityBrain.Grains.Districts;

public sealed class DistrictGrain : Grain, IDistrictGrain
{
    private readonly IPersistentState<DistrictGrainState> _state;
    private readonly TimeProvider _time;
    private readonly GrainOptions _options;
    private DeferredAction _save = null!;
    private DistrictSnapshot? _lastReported;
    private bool _valuesChanged;

    public DistrictGrain(
        [PersistentState("district", GrainStorageNames.State)] IPersistentState<DistrictGrainState> state,
        TimeProvider time, IOptions<GrainOptions> options)
    {
        _state = state;
        _time = time;
        _options = options.Value;
    }

    private string DistrictId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _save = new DeferredAction(this, _time, _options.SavePeriod, _ => SaveAsync());
        // Periodic rather than on change: devices going silent changes the online count without any message arriving.
        // Districts are few, so they stay active and keep the city current.
        this.RegisterGrainTimer(ReportToCityAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromMilliseconds(100),
            Period = _options.ReportPeriod,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    /// <summary>Everything is saved on the way out, so a graceful restart resumes exactly where it stopped.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _save.Pending || _valuesChanged ? SaveAsync() : Task.CompletedTask;

    /// <summary>Only a change of membership is saved at once. Latest values change with every report and a district
    /// may hold tens of thousands of devices; rewriting all of them every save period would cost more than the values
    /// are worth after a crash, when each device restates its own within one report interval.</summary>
    public Task ReportDevice(DeviceSummary summary)
    {
        if (_state.State.Devices.TryAdd(summary.DeviceId, summary))
        {
            _save.MarkChanged();
        }
        else
        {
            _state.State.Devices[summary.DeviceId] = summary;
            _valuesChanged = true;
        }
        return Task.CompletedTask;
    }

    public Task RemoveDevice(string deviceId)
    {
        if (_state.State.Devices.Remove(deviceId)) _save.MarkChanged();
        return Task.CompletedTask;
    }

    public Task<DistrictDetail> GetDetail()
    {
        var now = _time.GetUtcNow();
        var devices = _state.State.Devices.Values
            .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
            .Select(d => new DeviceStatus(d.DeviceId, d.IsOnline(now, _options.OnlineWindow), d.LastSeen))
            .ToList();
        return Task.FromResult(new DistrictDetail(Snapshot(now), devices));
    }

    public Task Wake() => Task.CompletedTask;

    private Task SaveAsync()
    {
        _valuesChanged = false;
        return _state.WriteStateAsync();
    }

    private DistrictSnapshot Snapshot(DateTimeOffset now)
    {
        var devices = _state.State.Devices.Values;
        return new DistrictSnapshot(DistrictId, devices.Count, devices.Count(d => d.IsOnline(now, _options.OnlineWindow)),
            Aggregation.LatestMeans(devices, now, _options.StaleAfter), now);
    }

    private async Task ReportToCityAsync(CancellationToken cancellationToken)
    {
        var snapshot = Snapshot(_time.GetUtcNow());
        if (_lastReported is not null && SameContent(_lastReported, snapshot)) return;
        await GrainFactory.GetGrain<ICityGrain>(CityGrainKey.Value).ReportDistrict(snapshot);
        _lastReported = snapshot;
    }

    private static bool SameContent(DistrictSnapshot a, DistrictSnapshot b) =>
        a.DevicesRegistered == b.DevicesRegistered && a.DevicesOnline == b.DevicesOnline &&
        a.Latest.Count == b.Latest.Count && a.Latest.All(kv => b.Latest.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
