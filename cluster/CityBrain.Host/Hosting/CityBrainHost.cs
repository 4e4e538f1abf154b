using CityBrain.Grains;
using CityBrain.Grains.Regions;
using CityBrain.Host.Api;
using CityBrain.Host.Cockpit;
using CityBrain.Host.Bulletins;
using CityBrain.Host.Figures;
using CityBrain.Host.Noise;
using CityBrain.Host.Notifications;
using CityBrain.Host.Security;
using CityBrain.Host.Supervision;
using CityBrain.Ingest;
using CityBrain.OpenData;
using CityBrain.OpenData.Access;
using CityBrain.SensorThings;
using CityBrain.SensorThings.Mqtt;

namespace CityBrain.Host.Hosting;

/// <summary>Builds one node of the city brain from its parts: stores, the Orleans silo, the embedded broker with ingest,
/// and the API with the cockpit; <see cref="CityBrainOptions.Mode"/> chooses one machine or a silo of a cluster.
/// Program.cs, the demo and the tests build it the same way.</summary>
public static class CityBrainHost
{
    /// <param name="configure">Runs once the command line is read and before anything is registered: tests and the
    /// demo add settings or services there.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, CommandLine.Switches.ToDictionary());
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(CityBrainOptions.Section).Get<CityBrainOptions>() ?? new CityBrainOptions();
        builder.Services.Configure<CityBrainOptions>(builder.Configuration.GetSection(CityBrainOptions.Section));
        var regions = RegionLoading.Load(options);

        builder.AddTransportSecurity(options);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        // Orleans' watchdog starts its platform thread before it stamps the participant check, so its first tick reports
        // the machine's uptime as a stall ("Participant check thread has not completed for 21:09:03"): noise on every start.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);

        var dataLock = builder.AddCityBrainStores(options);
        try
        {
            ListenPorts.EnsureFree(ListenPorts.Of(builder.Configuration, options));
        }
        catch (HostConfigurationException)
        {
            dataLock?.Dispose();
            throw;
        }
        builder.Services.AddCityBrainGrains(regions.Tree);
        builder.Services.AddSingleton(regions.Boundaries);
        builder.Services.Configure<GrainOptions>(builder.Configuration.GetSection("Grains"));
        builder.AddCityBrainSilo(options);
        // After the silo, so the broker accepts messages only once grains can take them, and stops first.
        builder.Services.AddCityBrainIngest();

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        builder.AddHttpProtection();
        builder.AddCityBrainAuth(options);
        builder.Services.AddOpenDataAccess();
        builder.Services.AddSensorThingsMqtt();
        builder.AddSensorThings();
        builder.AddCockpit();
        builder.AddCityBrainOpenApi();
        builder.AddNoiseSources();
        builder.AddRegionFigures();
        builder.AddSupervision();
        builder.AddBulletins();
        builder.AddCityBrainNotifications(regions.Tree.TimeZone);
        builder.AddOpenDataExports(options.DataDirectory);
        builder.Services.AddHostedService<CityReadiness>();

        var app = builder.Build();
        // Held until the host has stopped, so a host restarted in-process finds its data free again.
        if (dataLock is not null) app.Lifetime.ApplicationStopped.Register(dataLock.Dispose);
        // A body over the size limit, or one cut off, is the client's error with its own status, not a server fault.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseTransportSecurity();
        app.UseHttpProtection();
        app.UseCockpitFiles();
        app.UseCityBrainAuth();
        app.MapSessionApi();
        app.MapUserApi();
        app.MapTokenApi();
        app.MapAuditApi();
        app.MapRegionApi();
        app.MapFiguresApi();
        app.MapCaseApi();
        app.MapBulletinApi();
        app.MapNotificationApi();
        app.MapDeviceApi();
        app.MapOpsApi();
        app.MapIndicatorApi();
        app.MapNoiseSourceApi();
        app.MapDeviceConfigApi();
        app.MapCredentialApi();
        app.MapSensorThings();
        app.MapOpenDataExports();
        app.MapCityBrainOpenApi();
        app.MapCockpit();
        return app;
    }
}
