using System.Diagnostics;

namespace CityBrain.Edge.Cli;

/// <summary>Runs the commands that change the system's accounts and services (useradd, usermod, chown, systemctl), so
/// that <c>install --root</c> can list them instead of running them.</summary>
internal interface ISystemRunner
{
    Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

/// <summary>Runs the command; a failure is an <see cref="InstallStepException"/> with the command's own message.</summary>
internal sealed class ProcessRunner(TextWriter output) : ISystemRunner
{
    public async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var line = DryRunner.Line(program, arguments);
        output.WriteLine($"running: {line}");
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InstallStepException($"{line} could not be started");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var standard = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await standard;
        if (process.ExitCode != 0)
        {
            throw new InstallStepException($"{line} failed (exit {process.ExitCode}: {(await error).Trim()})");
        }
    }
}

/// <summary>Prints what would run: for a throwaway root, where the host's accounts and systemd are not the image's.</summary>
internal sealed class DryRunner(TextWriter output) : ISystemRunner
{
    public Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        output.WriteLine($"would run: {Line(program, arguments)}");
        return Task.CompletedTask;
    }

    public static string Line(string program, IReadOnlyList<string> arguments) => string.Join(' ', arguments.Prepend(program));
}

/// <summary>A step of <c>install</c> that the system refused; the message names the command and its error.</summary>
internal sealed class InstallStepException(string message) : Exception(message);
