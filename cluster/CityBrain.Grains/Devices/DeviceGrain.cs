using CityBrain.Grains.Regions;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Reporting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Grains.Devices;

public sealed class DeviceGrain : Grain, IDeviceGrain
{
    private readonly IPersistentState<DeviceGrainState> _state;
    private readonly CityCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly GrainOptions _options;
    private readonly ILogger<DeviceGrain> _logger;
    private DeferredAction _report = null!;
    private DeferredAction _save = null!;

    public DeviceGrain(
        [PersistentState("device", GrainStorageNames.State)] IPersistentState<DeviceGrainState> state,
        CityCatalog catalog, TimeProvider time, IOptions<GrainOptions> options, ILogger<DeviceGrain> logger)
    {
        _state = state;
        _catalog = catalog;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    private DeviceGrainState State => _state.State;

    private string DeviceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _report = new DeferredAction(this, _time, _options.ReportPeriod, ReportToDistrictAsync);
        _save = new DeferredAction(this, _time, _options.SavePeriod, _ => _state.WriteStateAsync());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // State first: it is what a restart needs. The district may already be gone when the silo shuts down, and a
        // report it misses is rebuilt from the next message anyway.
        await _save.FlushAsync(cancellationToken);
        try
        {
            await _report.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            _logger.LogDebug(ex, "Device {DeviceId} could not report to its district while the silo shut down", DeviceId);
        }
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
        State.Accepted, State.Duplicates, new Dictionary<Contracts.Vocabulary.Quantity, LatestValue>(State.Latest), State.Health));

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

    private Task ReportToDistrictAsync(CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IDistrictGrain>(State.DistrictId!).ReportDevice(new DeviceSummary(
            DeviceId, State.LastSeen, State.SaidGoodbye, new Dictionary<Contracts.Vocabulary.Quantity, LatestValue>(State.Latest)));
}
