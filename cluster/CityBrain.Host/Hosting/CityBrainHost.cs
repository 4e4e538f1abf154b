using System.Security.Cryptography;
using CityBrain.Grains;
using CityBrain.Grains.Regions;
using CityBrain.Host.Api;
using CityBrain.Host.Cockpit;
using CityBrain.Ingest.Broker;
using CityBrain.Simulators.Fleet;
using CityBrain.Ingest.Metrics;
using CityBrain.Ingest.Pipeline;
using CityBrain.Ingest.Recovery;
using CityBrain.Storage.Credentials;
using CityBrain.Storage.DeadLetters;
using CityBrain.Storage.GrainState;
using CityBrain.Storage.History;
using CityBrain.Storage.Journal;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Hosting;

/// <summary>Builds the one-process city brain: Orleans silo, embedded broker with ingest, and the web API.
/// Program.cs and the end-to-end tests build it the same way.</summary>
public static class CityBrainHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, CommandLine.Switches.ToDictionary());
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(CityBrainOptions.Section).Get<CityBrainOptions>() ?? new CityBrainOptions();
        builder.Services.Configure<CityBrainOptions>(builder.Configuration.GetSection(CityBrainOptions.Section));
        var dataLock = DataDirectoryLock.TryAcquire(options.DataDirectory) ?? throw new DataDirectoryInUseException(options.DataDirectory);
        var city = CityFile.Load(options.CityFile);

        builder.WebHost.UseUrls($"http://{options.HttpBindAddress}:{options.HttpPort}");
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCityBrainGrains(city);
        builder.Services.AddSqliteHistoryStore(o =>
        {
            builder.Configuration.GetSection("History").Bind(o);
            o.DatabasePath = options.DataPath("history.db");
        });
        builder.Services.Configure<GrainOptions>(builder.Configuration.GetSection("Grains"));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.Services.AddSqliteGrainStorage(GrainStorageNames.State,
                new SqliteGrainStorageOptions { DatabasePath = options.DataPath("grains.db") });
        });

        builder.Services.AddSqliteRawJournal(o => o.DatabasePath = options.DataPath("journal.db"));
        builder.Services.AddHostedService<JournalRecovery>();
        builder.Services.AddSingleton<IDeadLetterStore>(new SqliteDeadLetterStore(options.DataPath("dead-letters.db")));
        builder.Services.AddSingleton<ICredentialStore>(new SqliteCredentialStore(options.DataPath("credentials.db")));

        builder.Services.AddMetrics();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.Configure<BrokerOptions>(builder.Configuration.GetSection("Broker"));
        builder.Services.AddSingleton<ClientAuthenticator>();
        builder.Services.AddSingleton<EmbeddedBroker>();
        // Registered after the silo, so the broker accepts messages only once grains can take them, and stops first.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        if (options.Simulate > 0) AddSimulatedCity(builder, options, city);

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.AddCockpit();

        var app = builder.Build();
        // Held until the host has stopped, so a host restarted in-process finds its data free again.
        app.Lifetime.ApplicationStopped.Register(dataLock.Dispose);
        app.MapCityApi();
        app.MapIndicatorApi();
        app.MapDeviceConfigApi();
        app.MapCockpit();
        return app;
    }

    /// <summary>A simulated city inside the host, so the cockpit is alive on first start. Its gateways connect over
    /// loopback like real ones, with passwords derived from the broker's fleet secret (a fresh one per run unless given).</summary>
    private static void AddSimulatedCity(WebApplicationBuilder builder, CityBrainOptions options, CityDefinition city)
    {
        var broker = builder.Configuration.GetSection("Broker").Get<BrokerOptions>() ?? new BrokerOptions();
        var secret = broker.FleetSecret ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        builder.Services.PostConfigure<BrokerOptions>(o => o.FleetSecret = secret);
        builder.Services.AddFleetSimulator(o =>
        {
            builder.Configuration.GetSection(FleetOptions.Section).Bind(o);
            o.BrokerHost = "127.0.0.1";
            o.BrokerPort = broker.Port;
            o.Gateways = options.Simulate;
            o.Districts = city.Districts.Select(d => d.Id).ToList();
            o.FleetSecret = secret;
            o.TimeZone = city.TimeZone;
            // The simulated gateways' outboxes belong with the cluster's data: they live and go with it.
            o.OutboxDirectory ??= Path.GetFullPath(options.DataPath("fleet-outboxes"));
        });
    }
}
