using System.CommandLine;
using System.CommandLine.Invocation;

namespace CityBrain.Simulators.Fleet.Cli;

/// <summary>The <c>citybrain-fleet</c> command line.</summary>
public static class FleetCommandLine
{
    public static RootCommand Create() => new("citybrain-fleet: a simulated city of any size for CityBrain, and the check of what the cluster made of it")
    {
        RunCommand.Create(),
        CheckCommand.Create(),
        ValidateCommand.Create(),
        TruthCommand.Create(),
    };

    /// <summary>Parses and runs. A mistyped switch gets its one-sentence error without the full help after it; Ctrl+C is
    /// left to the run's host, which stops the fleet gracefully.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var parsed = Create().Parse(args);
        if (parsed.Action is ParseErrorAction onError) onError.ShowHelp = false;
        return parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            ProcessTerminationTimeout = null,
        });
    }
}
