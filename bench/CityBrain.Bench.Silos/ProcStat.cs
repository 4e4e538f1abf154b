using System.Globalization;

namespace CityBrain.Bench.Silos;

/// <summary>CPU time from /proc, for processes the bench did not start in-process.</summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: /proc counts CPU time in these, 100 a second on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU of one process (all its threads); zero once it is gone.</summary>
    public static TimeSpan Cpu(int pid) => Read(pid) is { } s ? Seconds(s.Utime + s.Stime) : TimeSpan.Zero;

    /// <summary>A server and its child processes (PostgreSQL's postmaster and its backends and workers): the live
    /// children's own CPU plus what the root has collected from children that exited, so a backend that ends during
    /// a measurement still counts.</summary>
    public static TimeSpan TreeCpu(int root)
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (Read(pid) is not { } s) continue;
            if (pid == root) ticks += s.Utime + s.Stime + s.ChildrenUtime + s.ChildrenStime;
            else if (s.Parent == root) ticks += s.Utime + s.Stime;
        }
        return Seconds(ticks);
    }

    /// <summary>The whole machine since boot: CPU time spent busy (anything but idle and I/O wait) and in all, summed
    /// over its cores.</summary>
    public static (TimeSpan Busy, TimeSpan Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return (Seconds(total - idle), Seconds(total));
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name in parentheses may hold spaces; the fields after it are fixed (proc(5)).
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return new Stat((int)L(1), L(11), L(12), L(13), L(14));
    }

    private sealed record Stat(int Parent, long Utime, long Stime, long ChildrenUtime, long ChildrenStime);
}
