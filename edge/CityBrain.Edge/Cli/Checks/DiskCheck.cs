using System.Globalization;
using CityBrain.Edge.Health;

namespace CityBrain.Edge.Cli.Checks;

/// <summary>The file system of the data directory has room for the outbox to grow to its budget; with less, the
/// outbox runs out of disk before it starts thinning.</summary>
internal sealed class DiskCheck : IGatewayCheck
{
    public const string Name = "disk";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        if (context.Configuration.Bound is not { } options)
        {
            yield return CheckResult.Skipped(Name, "the configuration could not be read");
            yield break;
        }
        var directory = Path.GetFullPath(options.DataDirectory);
        var existing = CheckContext.NearestExisting(directory);
        if (SystemProbe.FreeDiskBytes(existing) is not { } free)
        {
            yield return CheckResult.Warn(Name, $"the free space of the file system holding {directory} cannot be read", "check it with df -h " + existing);
            yield break;
        }
        var budget = options.Outbox.DiskBudgetBytes;
        var used = new[] { "outbox.db", "outbox.db-wal" }.Select(f => Path.Combine(directory, f)).Where(File.Exists).Sum(f => new FileInfo(f).Length);
        var room = Math.Max(0, budget - used);
        var state = $"{Megabytes(free)} free on the file system of {directory}; the outbox holds {Megabytes(used)} of its budget of {Megabytes(budget)}";
        yield return free >= room
            ? CheckResult.Pass(Name, state)
            : CheckResult.Warn(Name, $"{state}: the disk fills before the outbox starts thinning",
                $"free space on that file system, or lower Gateway:Outbox:DiskBudgetBytes to at most {used + free / 2} (half the free space and what the outbox holds)");
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB");
}
