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
        var configured = options.Outbox.DiskBudgetBytes;
        var used = new[] { "outbox.db", "outbox.db-wal" }.Select(f => Path.Combine(directory, f)).Where(File.Exists).Sum(f => new FileInfo(f).Length);
        var effective = options.Outbox.EffectiveBudgetBytes(used, free);
        var state = $"{Megabytes(free)} free on the file system of {directory}; the outbox holds {Megabytes(used)} of its budget of {Megabytes(configured)}";
        yield return effective >= configured
            ? CheckResult.Pass(Name, state)
            : CheckResult.Warn(Name, $"{state}, but the disk leaves it only {Megabytes(effective)} above the reserve of {Megabytes(options.Outbox.FreeSpaceReserveBytes)}: a long outage is thinned sooner",
                "free space on that file system, or lower Gateway:Outbox:DiskBudgetBytes to what the disk can give");
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB");
}
