using System.CommandLine;
using System.CommandLine.Invocation;

namespace CityBrain.Edge.Cli;

/// <summary>The technician's <c>citybrain-edge</c> command line: probe, read, calibrate, provision, status, check, install,
/// and run (the service).</summary>
public static class EdgeCommandLine
{
    /// <param name="time">The clock of the commands that wait (calibrate's warm-up); the system's by default.</param>
    public static RootCommand Create(TimeProvider? time = null)
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
            CalibrateCommand.Create(config, time ?? TimeProvider.System),
            ProvisionCommand.Create(config),
            StatusCommand.Create(config),
            CheckCommand.Create(config),
            InstallCommand.Create(),
            RunCommand.Create(config),
        };
    }

    /// <summary>Parses and runs. Termination signals are left to the service's host, which stops gracefully.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, TimeProvider? time = null)
    {
        var parsed = Create(time).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            ProcessTerminationTimeout = null,
        };
        // Help and --version clear parse errors; what is left is a mistake in the command line itself.
        return parsed.Action is ParseErrorAction ? Task.FromResult(UsageError(parsed, invocation.Error)) : parsed.InvokeAsync(invocation);
    }

    /// <summary>One sentence per mistake, each pointing at the command's help, and the usage exit code.</summary>
    private static int UsageError(ParseResult parsed, TextWriter error)
    {
        var command = parsed.CommandResult.Command;
        var name = command is RootCommand ? "citybrain-edge" : $"citybrain-edge {command.Name}";
        if (command is RootCommand)
        {
            var commands = $"the service runs as 'citybrain-edge run --config FILE', the technician's commands are {string.Join(", ", command.Subcommands.Select(c => c.Name))}";
            if (parsed.UnmatchedTokens.Count == 0) error.WriteLine($"{name}: no command given: {commands}; see {name} --help.");
            foreach (var token in parsed.UnmatchedTokens)
            {
                error.WriteLine(token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal)
                    ? $"{name}: '{token}' is a setting and goes after the command: citybrain-edge run --config FILE {token}."
                    : $"{name}: '{token}' is not a command: {commands}; see {name} --help.");
            }
            return ExitCodes.Usage;
        }
        foreach (var problem in parsed.Errors)
        {
            error.WriteLine($"{name}: {problem.Message.TrimEnd('.')}; see {name} --help.");
        }
        return ExitCodes.Usage;
    }
}
