using CityBrain.Grains.Regions;
using CityBrain.Host.Api;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Figures;
using CityBrain.Supervision.Options;

namespace CityBrain.Host.Supervision;

public sealed record PlaceResponse(string Id, string Name, string NameZh);

public sealed record DepartmentResponse(string Id, string Name, string NameZh);

public sealed record CaseAlertResponse(string Id, string Kind, string DistrictId, string? DeviceId, string? Subject, DateTimeOffset Start,
    DateTimeOffset? End, double Peak, double Limit, string Severity);

/// <param name="Region">Who answers for the case now.</param>
/// <param name="Overdue">Waiting for a step past its deadline.</param>
public sealed record CaseResponse(long Id, string Kind, string Severity, string Status, PlaceResponse Region, IReadOnlyList<PlaceResponse> Districts,
    DepartmentResponse? Department, DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? DispatchedAt, DateTimeOffset? HandledAt,
    DateTimeOffset? VerifiedAt, DateTimeOffset? ClosedAt, DateTimeOffset? Deadline, bool Overdue, int EscalationLevel, int Reopened,
    IReadOnlyList<CaseAlertResponse> Alerts);

public sealed record CaseStepResponse(int Sequence, DateTimeOffset At, string Actor, string Action, string Status, string? Note,
    DepartmentResponse? Department, PlaceResponse Region, IReadOnlyList<string> Links);

public sealed record CaseDetailResponse(CaseResponse Case, IReadOnlyList<CaseStepResponse> Trail);

/// <summary>A person's step: the note says why; a dispatch may name the department (else the one assigned to the case's
/// kind and place); a handling report may link to its evidence.</summary>
public sealed record CaseStepRequest(string? Note, string? Department, IReadOnlyList<string>? Links);

/// <param name="MedianMinutesToAcknowledge">Null when no case of the period was acknowledged.</param>
public sealed record FiguresResponse(int Open, int Overdue, int Opened, int Closed, double? ClosureRate, double? MedianMinutesToAcknowledge,
    double? MedianMinutesToClose, int Repeats, int Escalated);

public sealed record PlaceFiguresResponse(PlaceResponse Place, FiguresResponse Figures);

public sealed record DepartmentFiguresResponse(DepartmentResponse Department, FiguresResponse Figures);

/// <summary>A place's supervision figures over the last <c>days</c>, with each child's and each department's.</summary>
public sealed record SupervisionResponse(PlaceResponse Region, DateTimeOffset From, DateTimeOffset To, FiguresResponse Figures,
    IReadOnlyList<PlaceFiguresResponse> Children, IReadOnlyList<DepartmentFiguresResponse> Departments);

/// <summary>Turns stored cases into the API's shapes, with places and departments named.</summary>
public sealed class CaseMapping(RegionCatalog catalog, SupervisionDirectory directory)
{
    public CaseResponse ToResponse(SupervisionCase c, DateTimeOffset now) => new(c.Id, c.Kind.Name(), Lower(c.Severity), c.Status.Name(), Place(c.RegionId),
        [.. c.Districts.Select(Place)], Department(c.DepartmentId), c.OpenedAt, c.AcknowledgedAt, c.DispatchedAt, c.HandledAt, c.VerifiedAt, c.ClosedAt,
        c.Deadline, c.IsOverdue(now), c.EscalationLevel, c.Reopened,
        [.. c.Alerts.Select(a => new CaseAlertResponse(a.Id, AlertMapping.CamelCase(a.Kind.ToString()), a.DistrictId, a.DeviceId, a.Subject, a.Start, a.End, a.Peak, a.Limit, Lower(a.Severity)))]);

    public CaseStepResponse ToResponse(CaseEvent step) => new(step.Sequence, step.At, step.Actor, Lower(step.Action), step.Status.Name(), step.Note,
        Department(step.DepartmentId), Place(step.RegionId), step.Links);

    public PlaceResponse Place(string id) => catalog.Tree.TryFind(id, out var node) ? new(id, node.Name, node.NameZh) : new(id, id, id);

    public DepartmentResponse? Department(string? id) => directory.Department(id) is { } d ? ToResponse(d) : null;

    public static DepartmentResponse ToResponse(DepartmentOptions d) => new(d.Id, d.Name, d.NameZh);

    public static FiguresResponse ToResponse(SupervisionFigures f) => new(f.Open, f.Overdue, f.Opened, f.Closed,
        f.ClosureRate is { } rate ? Math.Round(rate, 4) : null, Minutes(f.MedianToAcknowledge), Minutes(f.MedianToClose), f.Repeats, f.Escalated);

    private static double? Minutes(TimeSpan? span) => span is { } s ? Math.Round(s.TotalMinutes, 1) : null;

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

}
