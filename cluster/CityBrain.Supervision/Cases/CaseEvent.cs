namespace CityBrain.Supervision.Cases;

public enum CaseAction
{
    /// <summary>The data raised the case.</summary>
    Raised,

    /// <summary>Another alert of the same episode joined the case (a further district, pollutant or device).</summary>
    Joined,

    Acknowledged,
    Dispatched,

    /// <summary>The responsible department reported what it did (a note, links to its evidence); may repeat.</summary>
    Handled,

    /// <summary>The data showed the exceedance ended and stayed ended for the configured time.</summary>
    Verified,

    Closed,

    /// <summary>The exceedance returned after the case was verified or closed.</summary>
    Reopened,

    /// <summary>The case passed its deadline and moved one level up the region tree.</summary>
    Escalated,
}

/// <summary>One step of a case's trail: who did what, when and why. Only ever appended.</summary>
/// <param name="Sequence">1 for the raise, then one more per step.</param>
/// <param name="Actor">The signed-in person's name, or <see cref="CaseActors.Data"/> / <see cref="CaseActors.Clock"/>.</param>
/// <param name="Status">The case's status after the step.</param>
/// <param name="Note">Why, in the actor's words or, for the data and the clock, in a sentence naming the values.</param>
/// <param name="DepartmentId">The department dispatched to, for a dispatch.</param>
/// <param name="RegionId">Where the case belongs after the step (changes when it escalates).</param>
/// <param name="Links">Evidence of the handling (photos, reports), as absolute http(s) links.</param>
public sealed record CaseEvent(
    long CaseId,
    int Sequence,
    DateTimeOffset At,
    string Actor,
    CaseAction Action,
    CaseStatus Status,
    string? Note,
    string? DepartmentId,
    string RegionId,
    IReadOnlyList<string> Links);

public static class CaseActors
{
    /// <summary>Steps the monitoring data took: raising, joining, verifying and reopening.</summary>
    public const string Data = "data";

    /// <summary>Steps the deadline took: escalation.</summary>
    public const string Clock = "deadline";
}
