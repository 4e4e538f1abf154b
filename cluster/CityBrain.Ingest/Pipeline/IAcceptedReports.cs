using CityBrain.Contracts.Journal;

namespace CityBrain.Ingest.Pipeline;

/// <summary>Told of each telemetry report once the device grain journalled and applied it: never of a duplicate or a
/// rejection. Live feeds of the open data hang here without Ingest knowing them.</summary>
public interface IAcceptedReports
{
    /// <summary>Called on the ingest path before the device's acknowledgement, so it must return at once and never throw:
    /// a slow or failing feed must not slow or fail ingest.</summary>
    /// <param name="report">As the journal holds it (its <see cref="JournalEntry.Position"/> is not known here).</param>
    void Accepted(JournalEntry report);
}
