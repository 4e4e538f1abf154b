using System.Diagnostics;
using System.Runtime.Versioning;
using CityBrain.Edge.Testing;

namespace CityBrain.Edge.Tests.Support;

/// <summary>Runs the real <c>citybrain-edge</c> executable as a separate process, as a technician's shell would.</summary>
public static class Executable
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "citybrain-edge");

    public static async Task<Cli.Outcome> RunAsync(string workingDirectory, params string[] args) =>
        await RunAsync(Start(new ProcessStartInfo(Path, args) { WorkingDirectory = workingDirectory }));

    /// <summary>Runs the executable as <paramref name="start"/> says (arguments, environment).</summary>
    public static async Task<Cli.Outcome> RunAsync(ProcessStartInfo start) => await RunAsync(Start(start));

    /// <summary>Runs the executable as a user without privileges, so that file permissions hold: as root (CI runs as
    /// root, and root reads and writes every file whatever its mode) a copy of the build output runs as nobody,
    /// otherwise the build output runs as the current user, who is not root either.</summary>
    [SupportedOSPlatform("linux")]
    public static async Task<Cli.Outcome> RunUnprivilegedAsync(TempDirectory scratch, params string[] args)
    {
        if (Environment.UserName != "root") return await RunAsync(scratch.Path, args);
        // nobody may not reach the build output (a clone under /root); a world-readable copy it can.
        var copy = scratch.File("citybrain-edge-bin");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(copy, System.IO.Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        OpenToOthers(scratch.Path);
        foreach (var directory in Directory.EnumerateDirectories(copy, "*", SearchOption.AllDirectories).Prepend(copy)) OpenToOthers(directory);
        var start = new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", System.IO.Path.Combine(copy, "citybrain-edge"), .. args])
        {
            WorkingDirectory = scratch.Path,
        };
        start.Environment["HOME"] = scratch.Path;
        return await RunAsync(Start(start));
    }

    /// <summary>Lets other users through (and list) a directory that a test made owner-only.</summary>
    [SupportedOSPlatform("linux")]
    public static void OpenToOthers(string directory) => File.SetUnixFileMode(directory, File.GetUnixFileMode(directory)
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    public static Process Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return Process.Start(start)!;
    }

    private static async Task<Cli.Outcome> RunAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(limit.Token);
            return new Cli.Outcome(process.ExitCode, await output, await error);
        }
    }
}
