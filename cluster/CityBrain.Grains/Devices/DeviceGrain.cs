using CityBrain.Grains.Districts;
using CityBrain.Grains.Hours;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Reporting;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Grains.Devices;

public sealed class DeviceGrain : Grain, IDeviceGrain
{
    private readonly IPersistentState<DeviceGrainState> _state;
    private readonly CityCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly GrainOptions _options;
    private readonly IHistoryStore _history;
    private readonly ILogger<DeviceGrain> _logger;
    private readonly HourTiming _timing;
    private readonly IClusterMembershipService _membership;
    private DeferredAction _report = null!;
    private DeferredAction _deliver = null!;
    private DeferredAction _save = null!;
    private IGrainTimer? _closeTimer;
    private DateTimeOffset? _closeAt;

    public DeviceGrain(
        [PersistentState("device", GrainStorageNames.State)] IPersistentState<DeviceGrainState> state,
        CityCatalog catalog, TimeProvider time, IHistoryStore history, IClusterMembershipService membership,
        IOptions<GrainOptions> options, ILogger<DeviceGrain> logger)
    {
        _state = state;
        _membership = membership;
        _catalog = catalog;
        _time = time;
        _history = history;
        _options = options.Value;
        _logger = logger;
        _timing = new HourTiming(_options.HourCloseDelay, _options.LateWindow);
    }

    private DeviceGrainState State => _state.State;

    private string DeviceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _report = new DeferredAction(this, _time, _options.ReportPeriod, ReportToDistrictAsync);
        _save = new DeferredAction(this, _time, _options.SavePeriod, _ => _state.WriteStateAsync());
        _deliver = new DeferredAction(this, _time, _options.ReportPeriod, _ => DeliverSharesAsync());
        if (State.Undelivered.Count > 0) _deliver.MarkChanged();
        ScheduleClose();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // State last but one: shares the district takes now leave it, and a report the district misses is rebuilt
        // from the next message anyway.
        await _deliver.FlushAsync(cancellationToken);
        await _save.FlushAsync(cancellationToken);
        await _report.FlushAsync(cancellationToken);
    }

    public Task<RecordOutcome> Record(TelemetryBatch batch)
    {
        if (Register(batch.DistrictId) is { } rejection) return Task.FromResult(rejection);
        if (!State.Sequences.TryAccept(batch.Sequence))
        {
            State.Duplicates++;
            _save.MarkChanged();
            return Task.FromResult(RecordOutcome.Duplicate);
        }
        State.Accepted++;
        State.LastSeen = batch.ReceivedAt;
        State.SaidGoodbye = false;
        foreach (var reading in batch.Readings)
        {
            // A backlog drained after an outage arrives late: it must not overwrite a newer value.
            if (State.Latest.TryGetValue(reading.Quantity, out var current) && current.UpdatedAt > batch.WindowEnd) continue;
            State.Latest[reading.Quantity] = new LatestValue(reading.Value, reading.Quality, reading.Sensor, batch.WindowEnd, reading.Reason);
        }
        State.Hours.Add(_catalog.Calendar, batch, _time.GetUtcNow(), _timing);
        ScheduleClose();
        Changed();
        return Task.FromResult(RecordOutcome.Accepted);
    }

    public Task SetStatus(string districtId, bool online, DateTimeOffset at)
    {
        if (Register(districtId) is not null) return Task.CompletedTask;
        State.SaidGoodbye = !online;
        if (online) State.LastSeen = at;
        Changed();
        return Task.CompletedTask;
    }

    public Task SetHealth(string districtId, DeviceHealth health, DateTimeOffset receivedAt)
    {
        if (Register(districtId) is not null) return Task.CompletedTask;
        State.Health = health;
        State.LastSeen = receivedAt;
        _save.MarkChanged();
        return Task.CompletedTask;
    }

    public Task<DeviceSnapshot?> GetSnapshot() => Task.FromResult(State.DistrictId is null ? null : new DeviceSnapshot(
        DeviceId, State.DistrictId, State.RegisteredAt!.Value, State.LastSeen, IsOnline(), State.Sequences.Highest,
        State.Accepted, State.Duplicates, new Dictionary<Contracts.Vocabulary.Quantity, LatestValue>(State.Latest), State.Health,
        State.Hours.LateReadings));

    private bool IsOnline() =>
        !State.SaidGoodbye && State.LastSeen is { } seen && _time.GetUtcNow() - seen <= _options.OnlineWindow;

    /// <summary>Registers the device on first contact and follows it when it is re-provisioned to another district.</summary>
    private RecordOutcome? Register(string districtId)
    {
        if (!_catalog.Contains(districtId))
        {
            return new RecordOutcome(RecordStatus.Rejected, $"district '{districtId}' is not part of city '{_catalog.City.Id}'");
        }
        if (State.DistrictId == districtId) return null;
        if (State.DistrictId is { } previous)
        {
            _logger.LogWarning("Device {DeviceId} moved from district {OldDistrict} to {NewDistrict}", DeviceId, previous, districtId);
            GrainFactory.GetGrain<IDistrictGrain>(previous).RemoveDevice(DeviceId).Ignore();
        }
        else
        {
            _logger.LogInformation("Device {DeviceId} registered in district {DistrictId}", DeviceId, districtId);
            State.RegisteredAt = _time.GetUtcNow();
        }
        State.DistrictId = districtId;
        Changed();
        return null;
    }

    private void Changed()
    {
        _report.MarkChanged();
        _save.MarkChanged();
    }

    private Task ReportToDistrictAsync(CancellationToken cancellationToken)
    {
        if (!_membership.AnySiloActive()) return Task.CompletedTask;
        var now = _time.GetUtcNow();
        var dayAgo = now.AddDays(-1);
        var expected = DeviceObservation.ExpectedHours(_catalog.Calendar, State.RegisteredAt ?? now, dayAgo, now, State.Latest.Count);
        return GrainFactory.GetGrain<IDistrictGrain>(State.DistrictId!).ReportDevice(new DeviceSummary(
            DeviceId, State.LastSeen, State.SaidGoodbye, new Dictionary<Contracts.Vocabulary.Quantity, LatestValue>(State.Latest),
            State.Hours.ValidSince(dayAgo), expected));
    }

    /// <summary>One timer for the next hour to close. It keeps the grain alive until then: a device that falls silent
    /// mid-hour still has that hour closed, on time.</summary>
    private void ScheduleClose()
    {
        var next = State.Hours.NextCloseAt;
        if (next == _closeAt) return;
        _closeTimer?.Dispose();
        _closeTimer = null;
        _closeAt = next;
        if (next is not { } at) return;
        var due = at - _time.GetUtcNow();
        _closeTimer = this.RegisterGrainTimer(CloseHoursAsync, new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    /// <summary>Closes the due hours: their means go to the history and, as shares, to the district. The history is
    /// written before the state, so a crash before the save closes the hour again rather than skipping it; the shares
    /// are saved with the hours that produced them and sent until the district took them.</summary>
    private async Task CloseHoursAsync(CancellationToken cancellationToken)
    {
        // Closed after the restart instead, when the district can take the shares; the one-shot timer stays spent.
        if (!_membership.AnySiloActive()) return;
        // The firing timer is disposed only once its work is done: disposing it cancels this callback's token.
        var firing = _closeTimer;
        _closeTimer = null;
        _closeAt = null;
        try
        {
            var closed = State.Hours.CloseDue(DeviceId, _time.GetUtcNow(), _timing);
            if (closed.Count == 0 || State.DistrictId is not { } districtId) return;
            await _history.WriteAsync([.. closed.SelectMany(c => c.Means.Select(m => new HistoryPoint(HistoryScope.Device, DeviceId,
                HistoryMetrics.Of(m.Key), HistoryResolution.Hour, c.Hour.Start, m.Value.Value, m.Value.Usable)))], cancellationToken);
            State.Undelivered.AddRange(closed.Select(hour => new PendingShare(districtId, hour.Contribution)));
            await _state.WriteStateAsync(cancellationToken);
            await DeliverSharesAsync();
            _report.MarkChanged();
        }
        finally
        {
            ScheduleClose();
            firing?.Dispose();
        }
    }

    private async Task DeliverSharesAsync()
    {
        if (!_membership.AnySiloActive()) return;
        var delivered = await ShareDelivery.DeliverAsync(State.Undelivered,
            share => GrainFactory.GetGrain<IDistrictGrain>(share.To).AddHour(share.Contribution), _save.MarkChanged, _logger, DeviceId);
        if (!delivered) _deliver.MarkChanged();
    }
}
