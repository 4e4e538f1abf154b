namespace CityBrain.Storage.Journal;

public sealed class RawJournalOptions
{
    /// <summary>The SQLite file; unused where the journal is kept in PostgreSQL.</summary>
    public string DatabasePath { get; set; } = "data/journal.db";

    /// <summary>Most entries committed in one transaction. Larger groups raise throughput under load; a lone message
    /// still commits at once, so latency at low load does not suffer.</summary>
    public int MaxGroupSize { get; set; } = 2_000;

    /// <summary>Entries older than this (by window start) are pruned; hourly history keeps what the cockpit needs.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
