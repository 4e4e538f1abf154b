using CityBrain.Contracts.Journal;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Hours;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Reporting;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Grains.Devices;

/// <summary>One gateway. Its state is a cache of the journal: a report is journalled first and applied after the
/// commit, and an activation applies what the journal holds beyond the saved state, through the same
/// <see cref="ApplyAsync"/>, so a crash can delay a number but never change it.</summary>
public sealed partial class DeviceGrain : Grain, IDeviceGrain
{
    private readonly IPersistentState<DeviceGrainState> _state;
    private readonly RegionCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly GrainOptions _options;
    private readonly IHistoryStore _history;
    private readonly IRawJournal _journal;
    private readonly ILogger<DeviceGrain> _logger;
    private readonly HourTiming _timing;
    private readonly IClusterMembershipService _membership;
    private DeferredAction _report = null!;
    private DeferredAction _deliver = null!;
    private DeferredAction _save = null!;
    private IGrainTimer? _closeTimer;
    private DateTimeOffset? _closeAt;
    /// <summary>Set when applying a journalled report failed half-way: this activation's state is no longer what the
    /// journal implies, so it is never saved, and the next activation rebuilds it from the journal.</summary>
    private bool _discarded;

    public DeviceGrain(
        [PersistentState("device", GrainStorageNames.State)] IPersistentState<DeviceGrainState> state,
        RegionCatalog catalog, TimeProvider time, IHistoryStore history, IRawJournal journal, IClusterMembershipService membership,
        IOptions<GrainOptions> options, ILogger<DeviceGrain> logger)
    {
        _state = state;
        _membership = membership;
        _catalog = catalog;
        _time = time;
        _history = history;
        _journal = journal;
        _options = options.Value;
        _logger = logger;
        _timing = new HourTiming(_options.HourCloseDelay, _options.LateWindow);
    }

    private DeviceGrainState State => _state.State;

    private string DeviceId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _report = new DeferredAction(this, _time, _options.ReportPeriod, ReportToDistrictAsync);
        _save = new DeferredAction(this, _time, _options.SavePeriod, _ => _discarded ? Task.CompletedTask : _state.WriteStateAsync());
        _deliver = new DeferredAction(this, _time, _options.ReportPeriod, _ => DeliverSharesAsync());
        await CatchUpWithJournalAsync(cancellationToken);
        if (State.Undelivered.Count > 0) _deliver.MarkChanged();
        ScheduleClose();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_discarded) return;
        // Notices first: the district hears of every hour closed, and the state saved next no longer holds them.
        await _deliver.FlushAsync(cancellationToken);
        await _save.FlushAsync(cancellationToken);
        await _report.FlushAsync(cancellationToken);
    }

    public async Task<RecordOutcome> Record(TelemetryBatch batch)
    {
        if (Register(batch.DistrictId) is { } rejection) return rejection;
        // The window knows recent sequences exactly; for anything else only the journal can tell.
        if (State.Sequences.Contains(batch.Sequence)) return Duplicate();
        try
        {
            var appended = await _journal.AppendAsync(batch.ToJournal(DeviceId));
            if (!appended.Added) return Duplicate();
            await ApplyAsync(batch, appended.Position, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Journalled (or perhaps journalled: a commit whose answer was lost with the connection) but not applied:
            // the sender's retry will be a duplicate, and a later report would move the applied position past it, so
            // the report must come back from the journal instead, through a fresh activation.
            Discard(ex);
            throw;
        }
        ScheduleClose();
        Changed();
        return RecordOutcome.Accepted;
    }

    public Task CatchUp() => Task.CompletedTask;

    public Task SetStatus(string districtId, bool online, DateTimeOffset at)
    {
        if (Register(districtId) is not null) return Task.CompletedTask;
        State.SaidGoodbye = !online;
        if (online) Seen(at);
        Changed();
        return Task.CompletedTask;
    }

    public Task SetHealth(string districtId, DeviceHealth health, DateTimeOffset receivedAt)
    {
        if (Register(districtId) is not null) return Task.CompletedTask;
        // Said when the refusal changes, not with every report: a misconfigured gateway repeats it each minute.
        if (health.SiteRefusal is { } refusal && refusal != State.Health?.SiteRefusal) Log.SiteRefused(_logger, DeviceId, refusal);
        var moved = health.Site != State.Health?.Site;
        State.Health = health;
        Seen(receivedAt);
        // The district lists the site, so a new one goes to it like a new value does.
        if (moved) Changed();
        else _save.MarkChanged();
        return Task.CompletedTask;
    }

    public Task<DeviceSnapshot?> GetSnapshot() => Task.FromResult(State.DistrictId is null ? null : new DeviceSnapshot(
        DeviceId, State.DistrictId, State.RegisteredAt!.Value, State.LastSeen, IsOnline(), State.Sequences.Highest,
        State.Accepted, State.Duplicates, new Dictionary<Contracts.Vocabulary.Quantity, LatestValue>(State.Latest), State.Health,
        State.Hours.LateReadings));

    private RecordOutcome Duplicate()
    {
        State.Duplicates++;
        _save.MarkChanged();
        return RecordOutcome.Duplicate;
    }

    /// <summary>Applies the journal entries after the saved position, oldest first, before the grain takes any call.</summary>
    private async Task CatchUpWithJournalAsync(CancellationToken cancellationToken)
    {
        var from = State.JournalPosition;
        var applied = 0;
        await foreach (var entry in _journal.ReadDeviceAfterAsync(DeviceId, from, cancellationToken))
        {
            if (TelemetryBatch.FromJournal(entry, out var refusal) is not { } batch)
            {
                Log.JournalEntrySkipped(_logger, DeviceId, entry.Sequence, entry.Position, refusal!);
                State.JournalPosition = entry.Position;
                continue;
            }
            if (Register(batch.DistrictId) is { Reason: var reason })
            {
                Log.JournalEntrySkipped(_logger, DeviceId, entry.Sequence, entry.Position, reason!);
                State.JournalPosition = entry.Position;
                continue;
            }
            await ApplyAsync(batch, entry.Position, cancellationToken);
            applied++;
        }
        if (State.JournalPosition == from) return;
        Log.CaughtUp(_logger, DeviceId, applied, from, State.JournalPosition);
        Changed();
    }

    /// <summary>What a journalled report does to the device, live or replayed.</summary>
    private async Task ApplyAsync(TelemetryBatch batch, long position, CancellationToken cancellationToken)
    {
        await PublishAsync(State.Hours.Record(_catalog.Calendar, batch, _timing), cancellationToken);
        State.Sequences.TryAccept(batch.Sequence);
        State.Accepted++;
        State.SaidGoodbye = false;
        Seen(batch.ReceivedAt);
        if (State.ReportingSince is not { } since || batch.WindowStart < since) State.ReportingSince = batch.WindowStart;
        foreach (var reading in batch.Readings)
        {
            // A backlog drained after an outage arrives late: it must not overwrite a newer value.
            if (State.Latest.TryGetValue(reading.Quantity, out var current) && current.UpdatedAt > batch.WindowEnd) continue;
            State.Latest[reading.Quantity] = new LatestValue(reading.Value, reading.Quality, reading.Sensor, batch.WindowEnd, reading.Reason);
        }
        State.JournalPosition = position;
    }

    private void Discard(Exception exception)
    {
        _discarded = true;
        Log.Discarded(_logger, exception, DeviceId);
        DeactivateOnIdle();
    }

    private void Seen(DateTimeOffset at)
    {
        if (State.LastSeen is not { } seen || at > seen) State.LastSeen = at;
    }

    private bool IsOnline() =>
        !State.SaidGoodbye && State.LastSeen is { } seen && _time.GetUtcNow() - seen <= _options.OnlineWindow;

    /// <summary>Registers the device on first contact and follows it when it is re-provisioned to another district.</summary>
    private RecordOutcome? Register(string districtId)
    {
        if (!_catalog.IsDistrict(districtId))
        {
            return new RecordOutcome(RecordStatus.Rejected, $"'{districtId}' is not a district of region '{_catalog.Root.Id}'");
        }
        if (State.DistrictId == districtId) return null;
        if (State.DistrictId is { } previous)
        {
            Log.Moved(_logger, DeviceId, previous, districtId);
            GrainFactory.GetGrain<IDistrictGrain>(previous).RemoveDevice(DeviceId).Ignore();
        }
        else
        {
            Log.Registered(_logger, DeviceId, districtId);
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
        var inService = State.ReportingSince < State.RegisteredAt ? State.ReportingSince : State.RegisteredAt;
        var expected = DeviceObservation.ExpectedHours(_catalog.Calendar, inService ?? now, dayAgo, now, State.Latest.Count);
        return GrainFactory.GetGrain<IDistrictGrain>(State.DistrictId!).ReportDevice(new DeviceSummary(
            DeviceId, State.LastSeen, State.SaidGoodbye, new Dictionary<Contracts.Vocabulary.Quantity, LatestValue>(State.Latest),
            State.Hours.ValidSince(dayAgo), expected, State.Health?.Site));
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
        _closeTimer = this.RegisterGrainTimer(CloseHoursOnTimeAsync, new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private async Task CloseHoursOnTimeAsync(CancellationToken cancellationToken)
    {
        // The firing timer is disposed only once its work is done: disposing it cancels this callback's token.
        var firing = _closeTimer;
        _closeTimer = null;
        _closeAt = null;
        try
        {
            await PublishAsync(State.Hours.CloseDue(_time.GetUtcNow(), _timing), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The hours are marked closed in memory but were not written: only a rebuild from the journal closes them again.
            Discard(ex);
        }
        finally
        {
            ScheduleClose();
            firing?.Dispose();
        }
    }

    /// <summary>Writes closed hours: their means go to the history and their shares to the district's sums, in one
    /// commit, before the state that marks them closed is saved; a crash in between closes them again from the journal
    /// and rewrites the same rows. The district is then told which hours changed.</summary>
    private async Task PublishAsync(IReadOnlyList<ClosedHour> closed, CancellationToken cancellationToken)
    {
        if (closed.Count == 0 || State.DistrictId is not { } districtId) return;
        var (points, shares) = ClosedHour.Records(DeviceId, districtId, closed);
        await _history.WriteAsync(points, shares, cancellationToken);
        State.Undelivered.AddRange(closed.Select(c => new PendingShare(districtId, new ShareChanged(DeviceId, c.Hour))));
        _deliver.MarkChanged();
        Changed();
    }

    private async Task DeliverSharesAsync()
    {
        // Told after the restart instead (the notices are saved), when the district can take them.
        if (!_membership.AnySiloActive()) return;
        var delivered = await ShareDelivery.DeliverAsync(State.Undelivered,
            notice => GrainFactory.GetGrain<IDistrictGrain>(notice.To).ShareChanged(notice.Change), _save.MarkChanged, _logger, DeviceId);
        if (!delivered) _deliver.MarkChanged();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId} registered in district {DistrictId}")]
        public static partial void Registered(ILogger logger, string deviceId, string districtId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} moved from district {OldDistrict} to {NewDistrict}")]
        public static partial void Moved(ILogger logger, string deviceId, string oldDistrict, string newDistrict);

        [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} applied {Applied} journalled reports its saved state lacked (positions {From}..{To})")]
        public static partial void CaughtUp(ILogger logger, string deviceId, int applied, long from, long to);

        [LoggerMessage(Level = LogLevel.Error, Message = "Device {DeviceId} failed to apply a journalled report or to write closed hours; the activation is dropped unsaved and the next one rebuilds its state from the journal")]
        public static partial void Discarded(ILogger logger, Exception exception, string deviceId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} announced a site the cluster does not show: {Refusal}")]
        public static partial void SiteRefused(ILogger logger, string deviceId, string refusal);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} skipped journal entry {Sequence} at position {Position}: {Reason}")]
        public static partial void JournalEntrySkipped(ILogger logger, string deviceId, long sequence, long position, string reason);
    }
}
