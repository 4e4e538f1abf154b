using CityBrain.Contracts.Parsing;
namespace CityBrain.Edge.Outbox;

/// <summary>How much disk the outbox may take and how coarse thinning may make old data.</summary>
public sealed class OutboxOptions
{
    public const long MinimumBudgetBytes = 256 * 1024;

    /// <summary>Database and write-ahead log together. 256 MiB hold about four months of one report a minute.</summary>
    public long DiskBudgetBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Free space the outbox leaves on its volume for everything else: when the volume runs low, the
    /// outbox's budget shrinks to what it holds plus the free space above this, and thinning starts.</summary>
    public long FreeSpaceReserveBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The longest window thinning may make by merging reports; merged windows never cross a boundary of
    /// this length, so with one hour the cluster's hourly means stay exact.</summary>
    public TimeSpan MaxThinnedWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The budget the outbox keeps to while it holds <paramref name="outboxBytes"/> on a volume with
    /// <paramref name="freeBytes"/> free: what it holds counts as its own, since thinning frees pages inside the file.</summary>
    public long EffectiveBudgetBytes(long outboxBytes, long freeBytes) =>
        Math.Max(MinimumBudgetBytes, Math.Min(DiskBudgetBytes, outboxBytes + freeBytes - FreeSpaceReserveBytes));

    /// <summary>What is wrong with these options, one sentence each, named by their configuration keys.</summary>
    public IEnumerable<string> Problems(string prefix = "Outbox:")
    {
        if (DiskBudgetBytes < MinimumBudgetBytes)
        {
            yield return $"{prefix}DiskBudgetBytes is {DiskBudgetBytes}; it must be at least {MinimumBudgetBytes} (256 KiB)";
        }
        if (FreeSpaceReserveBytes < 0)
        {
            yield return $"{prefix}FreeSpaceReserveBytes is {FreeSpaceReserveBytes}; it must be 0 or more";
        }
        if (MaxThinnedWindow < TimeSpan.FromSeconds(1) || MaxThinnedWindow > TimeSpan.FromSeconds(WireFormat.MaxWindowSeconds) || MaxThinnedWindow.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return $"{prefix}MaxThinnedWindow is {MaxThinnedWindow}; it must be whole seconds between 00:00:01 and 01:00:00 (the cluster takes report windows of at most an hour)";
        }
    }
}
