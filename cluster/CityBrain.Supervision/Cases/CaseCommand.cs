namespace CityBrain.Supervision.Cases;

/// <summary>A person's step on a case: acknowledge, dispatch, handle or close.</summary>
/// <param name="DepartmentId">For a dispatch: the department, or null for the one assigned to the case's kind and place.</param>
public sealed record CaseCommand(CaseAction Action, string Actor, string? Note = null, string? DepartmentId = null, IReadOnlyList<string>? Links = null);

public enum CaseRefusalKind
{
    /// <summary>No case has that id.</summary>
    NotFound,

    /// <summary>The command itself is wrong (an unknown department, a link that is not http(s), a missing note).</summary>
    Invalid,

    /// <summary>The command does not fit where the case stands (closing a case the data has not verified).</summary>
    Conflict,
}

public sealed record CaseRefusal(CaseRefusalKind Kind, string Reason);

/// <summary>What a command did: the case after it, or why it was refused.</summary>
public sealed record CaseOutcome(SupervisionCase? Case, CaseRefusal? Refusal)
{
    public static CaseOutcome Refused(CaseRefusalKind kind, string reason) => new(null, new CaseRefusal(kind, reason));
}
