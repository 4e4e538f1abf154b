using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Options;

namespace CityBrain.Supervision.Desk;

/// <summary>The people's steps of the lifecycle: which step is allowed from which status, and what it changes. Pure:
/// the desk stores what these return.</summary>
internal static class CaseSteps
{
    public const int MaxNoteLength = 2000;
    public const int MaxLinks = 20;

    public static (SupervisionCase Case, CaseEvent Event)? Apply(SupervisionCase current, CaseCommand command, DateTimeOffset now,
        SupervisionDirectory directory, out CaseRefusal? refusal)
    {
        refusal = Check(command);
        if (refusal is not null) return null;
        var deadlines = directory.Options.DeadlinesFor(current.Severity);
        SupervisionCase next;
        string? department = null;
        switch (command.Action)
        {
            case CaseAction.Acknowledged when current.Status == CaseStatus.Raised:
                next = current with { Status = CaseStatus.Acknowledged, AcknowledgedAt = now, Deadline = now + deadlines.Acknowledge };
                break;
            case CaseAction.Dispatched when current.Status is CaseStatus.Acknowledged or CaseStatus.Dispatched:
                var chosen = command.DepartmentId is null ? directory.DepartmentFor(current.Kind, current.RegionId) : directory.Department(command.DepartmentId);
                if (chosen is null)
                {
                    refusal = new CaseRefusal(CaseRefusalKind.Invalid, command.DepartmentId is null
                        ? $"no department is assigned to {current.Kind.Name()} cases in '{current.RegionId}'; name one"
                        : $"department '{command.DepartmentId}' is not one of the configured departments");
                    return null;
                }
                department = chosen.Id;
                next = current with { Status = CaseStatus.Dispatched, DepartmentId = chosen.Id, DispatchedAt = now, Deadline = now + deadlines.Handle };
                break;
            case CaseAction.Handled when current.Status is CaseStatus.Dispatched or CaseStatus.Handled:
                if (string.IsNullOrWhiteSpace(command.Note))
                {
                    refusal = new CaseRefusal(CaseRefusalKind.Invalid, "a handling report needs a note saying what was done");
                    return null;
                }
                next = current with { Status = CaseStatus.Handled, HandledAt = current.HandledAt ?? now, Deadline = null };
                break;
            case CaseAction.Closed when current.Status == CaseStatus.Verified:
                next = current with { Status = CaseStatus.Closed, ClosedAt = now, Deadline = null };
                break;
            case CaseAction.Acknowledged or CaseAction.Dispatched or CaseAction.Handled or CaseAction.Closed:
                refusal = new CaseRefusal(CaseRefusalKind.Conflict, $"case {current.Id} is {current.Status.Name()}: it cannot be {command.Action.ToString().ToLowerInvariant()} now ({Expected(command.Action)})");
                return null;
            default:
                refusal = new CaseRefusal(CaseRefusalKind.Invalid, $"'{command.Action}' is a step of the data or the deadline, not of a person");
                return null;
        }
        next = next with { Version = current.Version + 1 };
        return (next, new CaseEvent(current.Id, next.Version, now, command.Actor, command.Action, next.Status, Trimmed(command.Note), department,
            next.RegionId, command.Links ?? []));
    }

    private static string Expected(CaseAction action) => action switch
    {
        CaseAction.Acknowledged => "only a raised case is acknowledged",
        CaseAction.Dispatched => "a case is dispatched once acknowledged, and may be dispatched again before it is handled",
        CaseAction.Handled => "handling is reported on a dispatched case",
        _ => "a case is closed once the data has verified it",
    };

    private static CaseRefusal? Check(CaseCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.Actor)) return new CaseRefusal(CaseRefusalKind.Invalid, "a step needs the name of who takes it");
        if (command.Note is { Length: > MaxNoteLength }) return new CaseRefusal(CaseRefusalKind.Invalid, $"the note has {command.Note.Length} characters; at most {MaxNoteLength} are kept");
        var links = command.Links ?? [];
        if (links.Count > MaxLinks) return new CaseRefusal(CaseRefusalKind.Invalid, $"{links.Count} links; at most {MaxLinks}");
        foreach (var link in links)
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || link.Length > 2000)
            {
                return new CaseRefusal(CaseRefusalKind.Invalid, $"link '{Shorten(link)}' is not an absolute http(s) address");
            }
        }
        return null;
    }

    private static string? Trimmed(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
