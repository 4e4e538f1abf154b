using CityBrain.Grains.Regions;
using CityBrain.Host.Api;
using CityBrain.Indicators.Figures;
using CityBrain.Indicators.History;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Figures;

/// <summary><c>GET /api/regions/{id}/figures</c>: a place's headline figures (good days and heavy-pollution days this
/// year, PM2.5 against the year's target, year-on-year and month-on-month changes) from its stored daily AQI and PM2.5,
/// up to yesterday.</summary>
public static class FiguresApi
{
    private static readonly string[] Metrics = [HistoryMetrics.Aqi, HistoryMetrics.Of(Contracts.Vocabulary.Quantity.Pm2_5)];

    public static WebApplicationBuilder AddRegionFigures(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FiguresOptions>().BindConfiguration(FiguresOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FiguresOptions>, FiguresOptionsValidator>();
        return builder;
    }

    public static void MapFiguresApi(this WebApplication app) =>
        app.MapGroup("/api/regions").MapGet("/{id}/figures", GetAsync);

    private static async Task<Results<Ok<YearFigures>, NotFound<ErrorResponse>>> GetAsync(
        string id, IHistoryStore history, RegionCatalog catalog, IOptions<FiguresOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!catalog.Tree.TryFind(id, out var node)) return TypedResults.NotFound(RegionApi.NotInTree(id, catalog));
        var calendar = catalog.Calendar;
        var asOf = calendar.DayOf(time.GetUtcNow()).AddDays(-1);
        var points = await history.ReadAsync(new HistoryQuery(RegionCatalog.ScopeOf(node), id, HistoryResolution.Day,
            calendar.StartOf(YearFigures.EarliestDay(asOf)), calendar.StartOf(asOf.AddDays(1)), Metrics), cancellationToken);
        var days = points.GroupBy(p => calendar.DayOf(p.Start)).ToDictionary(
            day => day.Key,
            day => new DailyAir(
                day.FirstOrDefault(p => p.Metric == Metrics[0])?.Value,
                day.FirstOrDefault(p => p.Metric == Metrics[1])?.Value));
        return TypedResults.Ok(YearFigures.Of(asOf, days, options.Value.Pm25TargetOf(id, catalog)));
    }
}
