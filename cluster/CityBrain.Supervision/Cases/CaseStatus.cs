namespace CityBrain.Supervision.Cases;

/// <summary>Where a case stands. The data raises it, people acknowledge, dispatch and handle it, the data verifies it
/// (the exceedance ended and stayed ended), a person closes it; an exceedance that returns reopens it.</summary>
public enum CaseStatus
{
    Raised,
    Acknowledged,
    Dispatched,
    Handled,
    Verified,
    Closed,
}

public static class CaseStatuses
{
    public static string Name(this CaseStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Still waiting for a person to act: only these run against a deadline and escalate.</summary>
    public static bool AwaitsAction(this CaseStatus status) => status is CaseStatus.Raised or CaseStatus.Acknowledged or CaseStatus.Dispatched;

    public static bool TryParse(string? name, out CaseStatus status) =>
        Enum.TryParse(name, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(name, out _);
}
