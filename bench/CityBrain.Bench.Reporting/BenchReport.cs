using System.Diagnostics;
using System.Globalization;

namespace CityBrain.Bench.Reporting;

/// <summary>Prints a result with the machine, commit and date it was measured on, and appends it to bench/RESULTS.md.</summary>
public static class BenchReport
{
    public static void Write(string benchmark, IReadOnlyList<(string Name, string Value)> figures, string? note = null)
    {
        var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
        var header = $"### {benchmark} — {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, commit {Commit()}, {machine}";
        var lines = new List<string> { header, "" };
        lines.AddRange(figures.Select(f => $"- {f.Name}: **{f.Value}**"));
        if (note is not null) lines.AddRange(["", note]);
        lines.Add("");
        foreach (var line in lines) Console.WriteLine(line);
        File.AppendAllLines(ResultsFile(), lines);
    }

    /// <summary>The process's own resident memory (private clean and dirty pages, the USS), without the runtime's and
    /// libraries' file pages it shares with other processes.</summary>
    public static double PrivateMegabytes(string process = "self") =>
        File.ReadLines($"/proc/{process}/smaps_rollup")
            .Where(l => l.StartsWith("Private_Clean:", StringComparison.Ordinal) || l.StartsWith("Private_Dirty:", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)) / 1024;

    public static double ResidentMegabytes(string process = "self")
    {
        foreach (var line in File.ReadLines($"/proc/{process}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }
        return double.NaN;
    }

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, WorkingDirectory = RepositoryRoot() })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return sha.Length > 0 ? sha : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string ResultsFile() => Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), "bench", "RESULTS.md");

    /// <summary>The checkout the bench was built in (the folder of CityBrain.sln above the binaries), if any.</summary>
    public static string? RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CityBrain.sln"))) dir = dir.Parent;
        return dir?.FullName;
    }
}
