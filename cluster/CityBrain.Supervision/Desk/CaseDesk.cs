using System.Globalization;
using CityBrain.Indicators.Alerts;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Options;
using CityBrain.Supervision.Store;
using Microsoft.Extensions.Logging;

namespace CityBrain.Supervision.Desk;

/// <summary>Runs the cases of one region tree: turns the alerts the data raises into cases (one per episode), takes
/// people's steps, verifies handled cases by the data, escalates overdue ones, and stores every step before telling
/// the observers. One desk per tree, called by one caller at a time (its grain).</summary>
public sealed partial class CaseDesk(ICaseStore store, IEnumerable<ICaseObserver> observers, SupervisionDirectory directory, TimeProvider time,
    ILogger<CaseDesk> logger)
{
    /// <summary>How many recent cases a desk holds; more open cases than this would mean supervision has broken down.</summary>
    public const int MaxHeld = 10_000;

    private readonly IReadOnlyList<ICaseObserver> _observers = [.. observers];
    private Dictionary<string, SupervisionCase>? _latest;

    private SupervisionOptions Options => directory.Options;

    /// <summary>Takes the tree's current and lately ended alerts; provisional ones (of the running hour) wait for the
    /// closed hour to confirm them.</summary>
    public async Task ObserveAsync(IEnumerable<Alert> alerts, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var latest = await LatestAsync(now, cancellationToken);
        var taken = alerts
            .Where(a => !a.Provisional && (a.End is null || a.End >= now - Options.EndedAlertsTaken) && directory.Tree.IsLeaf(a.Key.DistrictId))
            .Select(CaseAlert.From)
            .OrderBy(a => a.Start);
        foreach (var alert in taken)
        {
            var group = Episodes.GroupKey(alert, directory.Tree);
            var current = latest.GetValueOrDefault(group);
            if (current?.Alerts.FirstOrDefault(a => a.Id == alert.Id) is { } known)
            {
                if (known != alert) await SaveAsync(Updated(current, alert), [], cancellationToken);
            }
            else if (current is { IsOpen: true, Status: not CaseStatus.Verified })
            {
                await StepAsync(Joined(current, alert), CaseAction.Joined, CaseActors.Data, Describe(alert), now, cancellationToken);
            }
            else if (current is not null && (current.IsOpen || current.ClosedAt >= now - Options.ReopenWindow))
            {
                await StepAsync(Reopened(current, alert, now), CaseAction.Reopened, CaseActors.Data, Describe(alert), now, cancellationToken);
            }
            else
            {
                await RaiseAsync(group, alert, now, cancellationToken);
            }
        }
    }

    /// <summary>Verifies handled cases whose exceedance stayed ended long enough, and escalates overdue ones.</summary>
    public async Task ReviewAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var latest = await LatestAsync(now, cancellationToken);
        foreach (var current in latest.Values.Where(c => c.IsOpen).ToList())
        {
            if (current.Status == CaseStatus.Handled && current.ClearSince is { } clear && now - clear >= Options.VerifyAfter)
            {
                var note = $"no exceedance since {clear.ToString("u", CultureInfo.InvariantCulture)}";
                await StepAsync(current with { Status = CaseStatus.Verified, VerifiedAt = now }, CaseAction.Verified, CaseActors.Data, note, now, cancellationToken);
            }
            else if (current.IsOverdue(now) && directory.Tree.ParentOf(current.RegionId) is { } parent)
            {
                var deadlines = Options.DeadlinesFor(current.Severity);
                var span = current.Status == CaseStatus.Dispatched ? deadlines.Handle : deadlines.Acknowledge;
                var escalated = current with { EscalationLevel = current.EscalationLevel + 1, Deadline = now + span };
                escalated = escalated with { RegionId = Episodes.Region(escalated.Districts, escalated.EscalationLevel, directory.Tree) };
                var note = $"{current.Status.Name()} past its deadline of {current.Deadline!.Value.ToString("u", CultureInfo.InvariantCulture)}: moved from '{current.RegionId}' to '{parent.Id}'";
                await StepAsync(escalated, CaseAction.Escalated, CaseActors.Clock, note, now, cancellationToken);
            }
        }
    }

    /// <summary>A person's step on case <paramref name="id"/>.</summary>
    public async Task<CaseOutcome> ActAsync(long id, CaseCommand command, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var latest = await LatestAsync(now, cancellationToken);
        var current = latest.Values.FirstOrDefault(c => c.Id == id) ?? await store.GetAsync(id, cancellationToken);
        if (current is null) return CaseOutcome.Refused(CaseRefusalKind.NotFound, $"there is no case {id}");
        if (CaseSteps.Apply(current, command, now, directory, out var refusal) is not { } step) return new CaseOutcome(null, refusal);
        var saved = await SaveAsync(step.Case, [step.Event], cancellationToken);
        await TellAsync(saved, step.Event, cancellationToken);
        return new CaseOutcome(saved, null);
    }

    private async Task RaiseAsync(string group, CaseAlert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var districts = new[] { alert.DistrictId };
        var raised = new SupervisionCase(0, group, CaseKinds.Of(alert.Kind), alert.Severity, CaseStatus.Raised, Episodes.Region(districts, 0, directory.Tree),
            districts, null, now, null, null, null, null, null, now + Options.DeadlinesFor(alert.Severity).Acknowledge, 0, 0, 0, [alert]);
        await StepAsync(raised, CaseAction.Raised, CaseActors.Data, Describe(alert), now, cancellationToken);
        Log.Raised(logger, raised.Kind.Name(), raised.RegionId, alert.Id);
    }

    private async Task StepAsync(SupervisionCase next, CaseAction action, string actor, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        next = next with { Version = next.Version + 1 };
        var step = new CaseEvent(next.Id, next.Version, now, actor, action, next.Status, note, null, next.RegionId, []);
        var saved = await SaveAsync(next, [step], cancellationToken);
        await TellAsync(saved, step with { CaseId = saved.Id }, cancellationToken);
    }

    private async Task<SupervisionCase> SaveAsync(SupervisionCase next, IReadOnlyList<CaseEvent> steps, CancellationToken cancellationToken)
    {
        var saved = await store.SaveAsync(next, steps, cancellationToken);
        _latest![saved.GroupKey] = saved;
        return saved;
    }

    private async Task TellAsync(SupervisionCase saved, CaseEvent step, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnStepAsync(saved, step, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.ObserverFailed(logger, e, observer.GetType().Name, saved.Id, step.Action);
            }
        }
    }

    private async Task<Dictionary<string, SupervisionCase>> LatestAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_latest is not null) return _latest;
        var recent = await store.ActiveSinceAsync(now - Options.ReopenWindow, MaxHeld, cancellationToken);
        return _latest = recent.GroupBy(c => c.GroupKey).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Id)!, StringComparer.Ordinal);
    }

    private SupervisionCase Updated(SupervisionCase current, CaseAlert alert) => current with
    {
        Alerts = [.. current.Alerts.Select(a => a.Id == alert.Id ? alert : a)],
        Severity = Max(current.Severity, alert.Severity),
    };

    private SupervisionCase Joined(SupervisionCase current, CaseAlert alert)
    {
        IReadOnlyList<string> districts = current.Districts.Contains(alert.DistrictId) ? current.Districts : [.. current.Districts, alert.DistrictId];
        return current with
        {
            Alerts = [.. current.Alerts, alert],
            Districts = districts,
            Severity = Max(current.Severity, alert.Severity),
            RegionId = Episodes.Region(districts, current.EscalationLevel, directory.Tree),
        };
    }

    /// <summary>A returning exceedance goes back to the department that handled it, with a fresh deadline.</summary>
    private SupervisionCase Reopened(SupervisionCase current, CaseAlert alert, DateTimeOffset now)
    {
        var joined = Joined(current, alert);
        return joined with
        {
            Status = CaseStatus.Dispatched,
            HandledAt = null,
            VerifiedAt = null,
            ClosedAt = null,
            Deadline = now + Options.DeadlinesFor(joined.Severity).Handle,
            Reopened = current.Reopened + 1,
        };
    }

    private static AlertSeverity Max(AlertSeverity a, AlertSeverity b) => a > b ? a : b;

    private static string Describe(CaseAlert alert)
    {
        var where = alert.DeviceId is null ? alert.DistrictId : $"{alert.DeviceId} ({alert.DistrictId})";
        var subject = alert.Subject is null ? "" : $" {alert.Subject}";
        return string.Create(CultureInfo.InvariantCulture, $"{alert.Kind}{subject} in {where}: peak {alert.Peak:0.#} against {alert.Limit:0.#}");
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Case raised: {CaseKind} in {Region} from alert {AlertId}")]
        public static partial void Raised(ILogger logger, string caseKind, string region, string alertId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Case observer {Observer} failed on case {CaseId} step {Action}")]
        public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, long caseId, CaseAction action);
    }
}
