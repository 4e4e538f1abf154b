using System.CommandLine;
using CityBrain.Edge.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge run</c>: the gateway service, as systemd starts it. Settings may be overridden on the
/// command line as <c>--Gateway:Key=value</c>.</summary>
internal static class RunCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("run", "Run the gateway service (systemd starts it so); --Gateway:Key=value overrides a setting")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (result, _) =>
        {
            var error = result.InvocationConfiguration.Error;
            var path = GatewayConfiguration.ResolvePath(result.GetValue(config));
            try
            {
                var configuration = GatewayConfiguration.Build(path, result.UnmatchedTokens);
                GatewayConfiguration.Load(configuration, path);
                using var host = BuildHost(configuration);
                await host.RunAsync();
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
            {
                return TechnicianErrors.Report(ex, "run", error);
            }
        });
        return command;
    }

    public static IHost BuildHost(IConfiguration configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole();
        // A known start failure gets its one sentence from the command; the host's own report would add a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddSystemd();
        builder.Services.AddCityBrainGateway(o => builder.Configuration.GetSection(GatewayOptions.Section).Bind(o));
        return builder.Build();
    }
}
