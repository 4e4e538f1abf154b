using CityBrain.Bulletins;
using CityBrain.Bulletins.Model;
using CityBrain.Bulletins.Rendering;
using CityBrain.Grains.Regions;
using CityBrain.Storage.Bulletins;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Bulletins;

/// <summary><c>/api/bulletins</c>: the archived bulletins of a place, listed by period kind a page at a time, and each
/// as its model (JSON), its PDF and its printable page.</summary>
public static partial class BulletinApi
{
    public const int MaxPageSize = 100;

    public static void MapBulletinApi(this WebApplication app)
    {
        var bulletins = app.MapGroup("/api/bulletins");
        bulletins.MapGet("", ListAsync);
        bulletins.MapGet("/{region}/{kind}/{period}", GetJsonAsync);
        bulletins.MapGet("/{region}/{kind}/{period}/pdf", GetPdfAsync);
        bulletins.MapGet("/{region}/{kind}/{period}/html", GetHtmlAsync);
    }

    private static async Task<Results<Ok<BulletinListResponse>, ProblemHttpResult>> ListAsync(
        string? region, string? kind, int? page, int? pageSize, RegionCatalog catalog, IBulletinArchive archive, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(BulletinApi));
        if (string.IsNullOrWhiteSpace(region)) return Bad(logger, "region is required, e.g. region=" + catalog.Root.Id);
        if (!catalog.Tree.Contains(region)) return NotFound(logger, $"'{Show(region)}' is not a region of '{catalog.Root.Id}'");
        if (!BulletinPeriod.TryParseKind(kind ?? "day", out var parsedKind)) return Bad(logger, $"kind '{Show(kind)}' is not day, month or year");
        if (page is < 1 or > 100_000) return Bad(logger, $"page {page} is not between 1 and 100000");
        if (pageSize is < 1 or > MaxPageSize) return Bad(logger, $"pageSize {pageSize} is not between 1 and {MaxPageSize}");
        var (number, size) = (page ?? 1, pageSize ?? 20);
        var kindName = BulletinPeriod.NameOf(parsedKind);
        var found = await archive.ListAsync(region, kindName, (number - 1) * size, size, cancellationToken);
        return TypedResults.Ok(new BulletinListResponse(region, kindName, number, size, found.Total, [.. found.Entries.Select(e =>
        {
            var period = new BulletinPeriod(parsedKind, e.Key.PeriodStart).Key;
            var path = $"/api/bulletins/{region}/{kindName}/{period}";
            return new BulletinListItem(period, e.Key.Language, e.GeneratedAt, e.PdfBytes,
                $"{path}?lang={e.Key.Language}", $"{path}/pdf?lang={e.Key.Language}", $"{path}/html?lang={e.Key.Language}");
        })]));
    }

    private static async Task<IResult> GetJsonAsync(string region, string kind, string period, string? lang, RegionCatalog catalog,
        IBulletinArchive archive, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var lookup = await FindAsync(region, kind, period, lang, catalog, archive, loggers, cancellationToken);
        return lookup.Found is { } found ? TypedResults.Text(found.ModelJson, "application/json; charset=utf-8") : lookup.Problem!;
    }

    private static async Task<IResult> GetPdfAsync(string region, string kind, string period, string? lang, RegionCatalog catalog,
        IBulletinArchive archive, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var lookup = await FindAsync(region, kind, period, lang, catalog, archive, loggers, cancellationToken);
        return lookup.Found is { } found
            ? TypedResults.File(found.Pdf, "application/pdf", $"bulletin-{region}-{period}-{found.Key.Language}.pdf")
            : lookup.Problem!;
    }

    private static async Task<IResult> GetHtmlAsync(string region, string kind, string period, string? lang, RegionCatalog catalog,
        IBulletinArchive archive, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var lookup = await FindAsync(region, kind, period, lang, catalog, archive, loggers, cancellationToken);
        if (lookup.Found is not { } found) return lookup.Problem!;
        BulletinLanguages.TryParse(found.Key.Language, out var language);
        return TypedResults.Content(BulletinHtml.Render(BulletinJson.Deserialize(found.ModelJson), language), "text/html; charset=utf-8");
    }

    /// <summary>The archived bulletin, or the problem that explains why there is none.</summary>
    private sealed record Lookup(ArchivedBulletin? Found, ProblemHttpResult? Problem);

    private static async Task<Lookup> FindAsync(string region, string kind, string period, string? lang, RegionCatalog catalog,
        IBulletinArchive archive, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(BulletinApi));
        if (!catalog.Tree.Contains(region)) return new(null, NotFound(logger, $"'{Show(region)}' is not a region of '{catalog.Root.Id}'"));
        if (!BulletinPeriod.TryParse(kind, period, out var parsed, out var error)) return new(null, Bad(logger, error));
        if (!BulletinLanguages.TryParse(lang ?? "zh", out var language)) return new(null, Bad(logger, $"lang '{Show(lang)}' is neither zh nor en"));
        var key = new BulletinKey(region, BulletinPeriod.NameOf(parsed.Kind), parsed.First, language.Code());
        return await archive.GetAsync(key, cancellationToken) is { } found
            ? new(found, null)
            : new(null, NotFound(logger, $"no {language.Code()} bulletin of the {BulletinPeriod.NameOf(parsed.Kind)} {parsed.Key} for '{region}' is archived"));
    }

    private static ProblemHttpResult Bad(ILogger logger, string detail)
    {
        LogRefused(logger, StatusCodes.Status400BadRequest, detail);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
    }

    private static ProblemHttpResult NotFound(ILogger logger, string detail)
    {
        LogRefused(logger, StatusCodes.Status404NotFound, detail);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
    }

    private static string Show(string? text) => Api.HistoryRequest.Show(text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletin request refused with {Status}: {Detail}")]
    private static partial void LogRefused(ILogger logger, int status, string detail);
}

public sealed record BulletinListResponse(string Region, string Kind, int Page, int PageSize, int Total, IReadOnlyList<BulletinListItem> Items);

/// <param name="Period">The period's key: 2026-12-06, 2026-11 or 2026.</param>
public sealed record BulletinListItem(string Period, string Language, DateTimeOffset GeneratedAt, int PdfBytes, string Json, string Pdf, string Html);
