using System.Diagnostics;

namespace CityBrain.Edge.Testing;

/// <summary>A file system of its own under a test's directory, for what mode bits cannot show: a read-only or a full
/// disk. Mounting takes root, which CI has; <see cref="CanMount"/> says whether a test can have one.</summary>
public sealed class Tmpfs : IDisposable
{
    /// <param name="options">The mount options, e.g. <c>ro,size=1m</c>.</param>
    public Tmpfs(string directory, string options)
    {
        Path = Directory.CreateDirectory(directory).FullName;
        Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", Path);
    }

    public static bool CanMount => Environment.UserName == "root";

    public string Path { get; }

    public void Dispose() => Run("umount", Path);

    private static void Run(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(args[0], args[1..]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed: {error}");
    }
}
