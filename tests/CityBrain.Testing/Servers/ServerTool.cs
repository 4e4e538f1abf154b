using System.Diagnostics;

namespace CityBrain.Testing.Servers;

/// <summary>What the test servers share: finding a server's programs, running its tools to completion within a bound,
/// and showing the end of its log when it will not start.</summary>
public static class ServerTool
{
    /// <summary>Tests run as root in CI, where PostgreSQL refuses to run as root; its tools then run as this user,
    /// whom the Debian package creates.</summary>
    public const string PostgresUser = "postgres";

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary><paramref name="path"/>, or an error that says which Debian package brings it.</summary>
    public static string Require(string path, string debianPackage) => File.Exists(path)
        ? path
        : throw new InvalidOperationException(
            $"{path} is missing: install the Debian package '{debianPackage}' (apt-get install {debianPackage}); ./citybrain.sh test installs it");

    /// <summary>Runs a tool to its end and returns what it printed; throws with that output when it fails or outlives
    /// <paramref name="timeout"/>. With <paramref name="asUser"/> it runs through runuser, which only root may use.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, string? asUser = null)
    {
        var start = new ProcessStartInfo(asUser is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            foreach (var a in (string[])["-u", asUser, "--", program]) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish within {timeout}");
        }
        var output = (await stdout + await stderr).Trim();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{Describe(start)} failed with exit code {process.ExitCode}: {output}");
    }

    /// <summary>The last lines of a server's log, for the error of a server that would not start.</summary>
    public static string Tail(string logFile, int lines = 30)
    {
        try
        {
            return File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(lines)) : $"(no log at {logFile})";
        }
        catch (IOException ex)
        {
            return $"(log {logFile} unreadable: {ex.Message})";
        }
    }

    /// <summary>Deletes a server's folder, whatever is left in it.</summary>
    public static void Delete(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private static string Describe(ProcessStartInfo start) => $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
}
