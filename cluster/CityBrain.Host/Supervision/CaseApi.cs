using System.Security.Claims;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Supervision;
using CityBrain.Host.Api;
using CityBrain.Host.Security;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Desk;
using CityBrain.Supervision.Figures;
using CityBrain.Supervision.Options;
using CityBrain.Supervision.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Supervision;

/// <summary>Cases (督办事项) and supervision figures. Reading is for every viewer; a step (acknowledge, dispatch, handle,
/// close) is an operator's, taken by the supervision grain so that the lifecycle has one writer, and audited like
/// every write.</summary>
public static class CaseApi
{
    public const int DefaultListed = 100;
    public const int MaxListed = 500;
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    private static readonly Dictionary<string, CaseAction> Steps = new(StringComparer.Ordinal)
    {
        ["acknowledge"] = CaseAction.Acknowledged,
        ["dispatch"] = CaseAction.Dispatched,
        ["handle"] = CaseAction.Handled,
        ["close"] = CaseAction.Closed,
    };

    public static void MapCaseApi(this WebApplication app)
    {
        var cases = app.MapGroup("/api/cases");
        cases.MapGet("/", ListAsync);
        cases.MapGet("/{id}", GetAsync);
        cases.MapPost("/{id}/{step}", StepAsync).RequireAuthorization(Policies.Operate);
        var supervision = app.MapGroup("/api/supervision");
        supervision.MapGet("/", FiguresAsync);
        supervision.MapGet("/departments", (SupervisionDirectory directory) =>
            TypedResults.Ok<IReadOnlyList<DepartmentResponse>>([.. directory.Options.Departments.Select(CaseMapping.ToResponse)]));
    }

    /// <summary>The cases touching <paramref name="region"/>: open ones (overdue first, then critical, then the longest
    /// waiting), or closed ones of the last <paramref name="days"/> newest first, or both.</summary>
    private static async Task<Results<Ok<IReadOnlyList<CaseResponse>>, BadRequest<ErrorResponse>>> ListAsync(string? region, string? status, string? kind,
        string? department, string? days, string? limit, ICaseStore store, CaseMapping mapping, RegionCatalog catalog, SupervisionDirectory directory,
        TimeProvider time, CancellationToken cancellationToken)
    {
        region ??= catalog.Root.Id;
        if (!catalog.Tree.Contains(region)) return TypedResults.BadRequest(RegionApi.NotInTree(region, catalog));
        status ??= "open";
        CaseStatus? only = null;
        if (status is not ("open" or "closed" or "all"))
        {
            if (!CaseStatuses.TryParse(status, out var parsed)) return Bad($"status '{status}' is not open, closed, all or one of {string.Join(", ", Enum.GetValues<CaseStatus>().Select(s => s.Name()))}");
            only = parsed;
        }
        CaseKind? ofKind = null;
        if (kind is not null)
        {
            if (!CaseKinds.TryParse(kind, out var parsed)) return Bad($"kind '{kind}' is not one of air, noise, device");
            ofKind = parsed;
        }
        if (department is not null && directory.Department(department) is null) return Bad($"department '{department}' is not one of the configured departments");
        if (!CountParameter.TryRead(days, "days", DefaultDays, MaxDays, out var lookback, out var error)) return Bad(error!);
        if (!CountParameter.TryRead(limit, "limit", DefaultListed, MaxListed, out var count, out error)) return Bad(error!);

        var now = time.GetUtcNow();
        var cases = (await store.ActiveSinceAsync(now.AddDays(-lookback), CaseDesk.MaxHeld, cancellationToken))
            .Where(c => c.Touches(region, catalog.Tree))
            .Where(c => status switch { "open" => c.IsOpen, "closed" => !c.IsOpen, _ => only is null || c.Status == only })
            .Where(c => ofKind is null || c.Kind == ofKind)
            .Where(c => department is null || c.DepartmentId == department)
            .OrderByDescending(c => c.IsOpen)
            .ThenByDescending(c => c.IsOverdue(now))
            .ThenByDescending(c => c.Severity)
            .ThenBy(c => c.IsOpen ? c.OpenedAt.UtcTicks : -c.ClosedAt!.Value.UtcTicks)
            .Take(count);
        return TypedResults.Ok<IReadOnlyList<CaseResponse>>([.. cases.Select(c => mapping.ToResponse(c, now))]);
    }

    private static async Task<Results<Ok<CaseDetailResponse>, NotFound<ErrorResponse>>> GetAsync(string id, ICaseStore store, CaseMapping mapping, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, out var caseId) || await store.GetAsync(caseId, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound(new ErrorResponse($"there is no case '{id}'"));
        }
        var trail = await store.TrailAsync(caseId, cancellationToken);
        return TypedResults.Ok(new CaseDetailResponse(mapping.ToResponse(found, time.GetUtcNow()), [.. trail.Select(mapping.ToResponse)]));
    }

    private static async Task<Results<Ok<CaseResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>, Conflict<ErrorResponse>>> StepAsync(
        string id, string step, CaseStepRequest? request, ClaimsPrincipal user, IGrainFactory grains, RegionCatalog catalog, CaseMapping mapping, TimeProvider time)
    {
        if (!Steps.TryGetValue(step, out var action)) return TypedResults.NotFound(new ErrorResponse($"'{step}' is not a step of a case; use one of {string.Join(", ", Steps.Keys)}"));
        if (!long.TryParse(id, out var caseId)) return TypedResults.NotFound(new ErrorResponse($"there is no case '{id}'"));
        var command = new CaseCommand(action, user.Identity?.Name ?? "", request?.Note, request?.Department, request?.Links);
        var outcome = await grains.GetGrain<ISupervisionGrain>(catalog.Root.Id).Act(caseId, command);
        return outcome switch
        {
            { Case: { } done } => TypedResults.Ok(mapping.ToResponse(done, time.GetUtcNow())),
            { Refusal: { Kind: CaseRefusalKind.NotFound } r } => TypedResults.NotFound(new ErrorResponse(r.Reason)),
            { Refusal: { Kind: CaseRefusalKind.Conflict } r } => TypedResults.Conflict(new ErrorResponse(r.Reason)),
            _ => TypedResults.BadRequest(new ErrorResponse(outcome.Refusal!.Reason)),
        };
    }

    /// <summary>The place's figures over the last <paramref name="days"/>, each child's (for drill-down) and each
    /// department's within the place.</summary>
    private static async Task<Results<Ok<SupervisionResponse>, BadRequest<ErrorResponse>>> FiguresAsync(string? region, string? days, ICaseStore store,
        CaseMapping mapping, RegionCatalog catalog, SupervisionDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        region ??= catalog.Root.Id;
        if (!catalog.Tree.TryFind(region, out var node)) return TypedResults.BadRequest(RegionApi.NotInTree(region, catalog));
        if (!CountParameter.TryRead(days, "days", DefaultDays, MaxDays, out var lookback, out var error)) return Bad(error!);
        var now = time.GetUtcNow();
        var from = now.AddDays(-lookback);
        var all = await store.ActiveSinceAsync(from, CaseDesk.MaxHeld, cancellationToken);
        FiguresResponse Of(IEnumerable<SupervisionCase> cases) => CaseMapping.ToResponse(SupervisionFigures.Of([.. cases], from, now, now));
        var here = all.Where(c => c.Touches(region, catalog.Tree)).ToList();
        return TypedResults.Ok(new SupervisionResponse(mapping.Place(region), from, now, Of(here),
            [.. node.Children.Select(child => new PlaceFiguresResponse(mapping.Place(child.Id), Of(here.Where(c => c.Touches(child.Id, catalog.Tree)))))],
            [.. directory.Options.Departments.Select(d => new DepartmentFiguresResponse(CaseMapping.ToResponse(d), Of(here.Where(c => c.DepartmentId == d.Id))))]));
    }

    private static BadRequest<ErrorResponse> Bad(string error) => TypedResults.BadRequest(new ErrorResponse(error));
}
