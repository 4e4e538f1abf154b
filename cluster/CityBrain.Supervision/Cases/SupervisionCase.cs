using CityBrain.Indicators.Alerts;
using CityBrain.Regions;

namespace CityBrain.Supervision.Cases;

/// <summary>A supervised item (督办事项): one exceedance episode from its raise to its close.</summary>
/// <param name="Id">Assigned by the store when the case is first saved; 0 before.</param>
/// <param name="GroupKey">What makes alerts one episode: the air of a city, the noise of a district, one device.
/// At most one case per key is open.</param>
/// <param name="RegionId">Who answers for it now: the district, the city for an episode over several districts, and one
/// level higher per escalation.</param>
/// <param name="Districts">Every district the episode reached, in order of arrival.</param>
/// <param name="Deadline">When the step the case waits for is due; null once handled.</param>
/// <param name="Version">How many trail steps the case has; the next step's sequence is one more.</param>
public sealed record SupervisionCase(
    long Id,
    string GroupKey,
    CaseKind Kind,
    AlertSeverity Severity,
    CaseStatus Status,
    string RegionId,
    IReadOnlyList<string> Districts,
    string? DepartmentId,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? HandledAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? Deadline,
    int EscalationLevel,
    int Reopened,
    int Version,
    IReadOnlyList<CaseAlert> Alerts)
{
    public bool IsOpen => Status != CaseStatus.Closed;

    /// <summary>Since when none of its alerts has been active; null while one is.</summary>
    public DateTimeOffset? ClearSince => Alerts.Any(a => a.IsActive) ? null : Alerts.Max(a => a.End);

    public bool IsOverdue(DateTimeOffset now) => Status.AwaitsAction() && Deadline is { } due && now > due;

    /// <summary>A case counts in every place one of its districts lies in: an episode over two cities counts in both.</summary>
    public bool Touches(string regionId, RegionTree tree) => Districts.Any(d => tree.IsWithin(d, regionId));
}
