using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Devices;

/// <summary>A cache of what the journal holds for one device, up to <see cref="JournalPosition"/>: on activation the
/// grain applies whatever the journal committed after it.</summary>
[GenerateSerializer, Alias("citybrain.DeviceGrainState.v1")]
public sealed class DeviceGrainState
{
    [Id(0)] public string? DistrictId { get; set; }
    [Id(1)] public DateTimeOffset? RegisteredAt { get; set; }
    [Id(2)] public DateTimeOffset? LastSeen { get; set; }
    [Id(3)] public SequenceWindow Sequences { get; set; } = new();
    [Id(4)] public Dictionary<Quantity, LatestValue> Latest { get; set; } = [];
    [Id(5)] public long Accepted { get; set; }
    [Id(6)] public long Duplicates { get; set; }
    /// <summary>Set by the retained status topic: the broker's last will makes a vanished gateway offline at once.</summary>
    [Id(7)] public bool SaidGoodbye { get; set; }
    [Id(8)] public DeviceHealth? Health { get; set; }
    [Id(9)] public DeviceHours Hours { get; set; } = new();
    [Id(10)] public List<PendingShare> Undelivered { get; set; } = [];
    /// <summary>The journal position of the last report this state includes.</summary>
    [Id(11)] public long JournalPosition { get; set; }
    /// <summary>Start of the earliest report window applied. A gateway that delivers a backlog of history on its first
    /// contact was measuring before the cluster heard of it: its hourly values are expected from then on.</summary>
    [Id(12)] public DateTimeOffset? ReportingSince { get; set; }
}
