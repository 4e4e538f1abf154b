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

    /// <summary>Fills the file system with one file until writing fails; returns the failure (ENOSPC) for the test
    /// to look at. Deleting <see cref="Filler"/> gives the space back.</summary>
    public IOException Fill()
    {
        using var stream = File.Create(Filler);
        var block = new byte[64 * 1024];
        // The bound only keeps a mount that is not there from filling the machine's disk.
        for (long written = 0; written < 64L * 1024 * 1024; written += block.Length)
        {
            try
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
            }
            catch (IOException ex)
            {
                return ex;
            }
        }
        throw new InvalidOperationException($"{Path} took 64 MiB without filling up: it is not the small tmpfs it should be");
    }

    public string Filler => System.IO.Path.Combine(Path, "filler");

    public void Dispose() => Run("umount", Path);

    private static void Run(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(args[0], args[1..]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed: {error}");
    }
}

/// <summary>A test on a file system of its own: skipped, with the reason, where mounting is not allowed.</summary>
public sealed class TmpfsFactAttribute : Xunit.FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!Tmpfs.CanMount) Skip = "mounting a small tmpfs to fill takes root (CI runs as root); run the tests as root to fill a real disk";
    }
}
