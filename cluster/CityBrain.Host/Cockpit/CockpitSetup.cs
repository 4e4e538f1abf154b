using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Orleans.Dashboard;

namespace CityBrain.Host.Cockpit;

/// <summary>The cockpit on the host: the built page (static files with a fallback to <c>index.html</c> for its own
/// routes), the live stream, the quantity vocabulary and AQI scale the page labels values with, and the Orleans dashboard.
/// The page's files are anonymous, so the login page loads; the dashboard is for administrators.</summary>
public static class CockpitSetup
{
    public const string DashboardPath = "/dashboard";

    public static WebApplicationBuilder AddCockpit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CockpitOptions>().BindConfiguration(CockpitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Api.RegionReader>();
        builder.Services.AddSingleton<RegionFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RegionFeed>());
        builder.UseOrleans(silo => silo.AddDashboard());
        return builder;
    }

    private static readonly StaticFileOptions Files = new() { OnPrepareResponse = SetCachePolicy, ContentTypeProvider = PrecompressedFiles.ContentTypes };

    /// <summary>The page's files, ahead of authorization: the login page is one of them.</summary>
    public static WebApplication UseCockpitFiles(this WebApplication app)
    {
        if (!app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            app.Logger.LogWarning("The cockpit page is not built: no index.html under {WebRoot}; build the host project to build it",
                app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"));
        }
        app.UsePrecompressedFiles(app.Environment.WebRootFileProvider);
        app.UseStaticFiles(Files);
        return app;
    }

    public static WebApplication MapCockpit(this WebApplication app)
    {
        app.MapRegionStream();
        app.MapGet("/api/quantities", () => Quantities.All.Select(q => new { q.WireName, q.Unit, q.DisplayUnit, q.Min, q.Max }));
        // The legend and the category names come from the indicators' own scale, so the page holds no copy of HJ 633.
        app.MapGet("/api/aqi/categories", () => AqiCategories.China.Select(c => new
        {
            c.Level, c.LevelName, c.LowerIndex, c.UpperIndex, c.Code, c.NameZh, c.NameEn, c.Colour,
        }));
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(Security.Policies.Administer);
        // An unknown API path is an error for the caller, not a page to render.
        app.MapFallback("/api/{**path}", (string path) => TypedResults.NotFound(new Api.ErrorResponse($"no API at /api/{path}")));
        // The page for "/" and for its own routes (/regions/…, /devices/…, /ops), so any view can be opened directly.
        app.MapFallbackToFile("index.html", Files).AllowAnonymous();
        return app;
    }

    /// <summary>Bundled assets carry a content hash in their names, so they never change; the page itself must be
    /// re-read so that a new build reaches the wall screen on its next reload.</summary>
    private static void SetCachePolicy(StaticFileResponseContext context)
    {
        var immutable = context.Context.Request.Path.StartsWithSegments("/assets");
        context.Context.Response.Headers[HeaderNames.CacheControl] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
    }
}
