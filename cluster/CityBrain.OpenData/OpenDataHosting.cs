using CityBrain.Grains.Regions;
using CityBrain.OpenData.Access;
using CityBrain.OpenData.Daily;
using CityBrain.OpenData.Export;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityBrain.OpenData;

/// <summary>Registers the bulk exports and the daily open-data file with the host: one line each in CityBrainHost.</summary>
public static class OpenDataHosting
{
    /// <param name="dataDirectory">The host's data directory, under which <see cref="DailyFileOptions.Folder"/> lies.</param>
    public static WebApplicationBuilder AddOpenDataExports(this WebApplicationBuilder builder, string dataDirectory)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidation>();
        services.AddOptions<DailyFileOptions>().BindConfiguration(DailyFileOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DailyFileOptions>, DailyFileOptionsValidation>();
        services.AddSingleton<OpenDataMetrics>();
        services.AddSingleton<HistoryRows>();
        services.AddSingleton<ExportEndpoint>();
        services.AddSingleton(sp => new DailyFileFolder(
            Path.Combine(dataDirectory, sp.GetRequiredService<IOptions<DailyFileOptions>>().Value.Folder), sp.GetRequiredService<RegionCatalog>()));
        services.AddSingleton<DailyFileWriter>();
        services.AddSingleton<DailyFilesEndpoint>();
        services.AddHostedService<DailyFileService>();
        return builder;
    }

    /// <summary>Open to anyone the access configuration lets in (<see cref="IOpenDataAccess"/>), not to the host's
    /// sign-in policy.</summary>
    public static WebApplication MapOpenDataExports(this WebApplication app)
    {
        app.MapGet(ExportEndpoint.Path, ([FromServices] ExportEndpoint endpoint, [FromServices] IOpenDataAccess access, HttpContext http) =>
            endpoint.HandleAsync(http, access)).AllowAnonymous();
        app.MapGet(DailyFilesEndpoint.Path, ([FromServices] DailyFilesEndpoint endpoint, [FromServices] IOpenDataAccess access, HttpContext http) =>
            endpoint.List(http, access)).AllowAnonymous();
        app.MapGet(DailyFilesEndpoint.Path + "/{name}", (string name, [FromServices] DailyFilesEndpoint endpoint, [FromServices] IOpenDataAccess access,
            HttpContext http) => endpoint.Download(name, http, access)).AllowAnonymous();
        return app;
    }
}
