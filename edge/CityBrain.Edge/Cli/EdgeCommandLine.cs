using System.CommandLine;

namespace CityBrain.Edge.Cli;

/// <summary>The technician's <c>citybrain-edge</c> command line: probe, read, provision, status, and run (the service).</summary>
public static class EdgeCommandLine
{
    public static RootCommand Create()
    {
        var config = new Option<string?>("--config")
        {
            Description = $"The gateway's configuration file (default ${GatewayConfiguration.PathVariable}, else {GatewayConfiguration.DefaultPath})",
            HelpName = "file",
            Recursive = true,
        };
        return new RootCommand("citybrain-edge: the CityBrain gateway service and the technician's tools")
        {
            config,
            ProbeCommand.Create(config),
            ReadCommand.Create(config),
            ProvisionCommand.Create(config),
            StatusCommand.Create(config),
            RunCommand.Create(config),
        };
    }

    /// <summary>Parses and runs. Termination signals are left to the service's host, which stops gracefully.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        Create().Parse(args).InvokeAsync(new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            ProcessTerminationTimeout = null,
        });
}
