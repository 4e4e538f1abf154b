using CityBrain.Indicators.History;

namespace CityBrain.Storage.History;

public sealed class HistoryStoreOptions
{
    /// <summary>The SQLite file; unused where history is kept in PostgreSQL.</summary>
    public string DatabasePath { get; set; } = "data/history.db";

    /// <summary>Hourly points of devices; at least 7 days, so the device view shows a week.</summary>
    public TimeSpan DeviceHourlyRetention { get; set; } = TimeSpan.FromDays(31);

    public TimeSpan DeviceDailyRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Hourly points of districts and the city; at least a year.</summary>
    public TimeSpan RegionHourlyRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Daily points of districts and the city; at least a year for annual statistics. The default of ten
    /// years covers HJ 663-2026's 3-year moving assessment with room to spare.</summary>
    public TimeSpan RegionDailyRetention { get; set; } = TimeSpan.FromDays(3653);

    /// <summary>How often, at most, expired points are deleted (by the next write after the interval).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RetentionOf(HistoryScope scope, HistoryResolution resolution) => (scope, resolution) switch
    {
        (HistoryScope.Device, HistoryResolution.Hour) => DeviceHourlyRetention,
        (HistoryScope.Device, HistoryResolution.Day) => DeviceDailyRetention,
        (_, HistoryResolution.Hour) => RegionHourlyRetention,
        _ => RegionDailyRetention,
    };

    /// <summary>Refuses a configuration that would delete what the cockpit promises to show.</summary>
    public void Validate()
    {
        Require(nameof(DeviceHourlyRetention), DeviceHourlyRetention, TimeSpan.FromDays(7));
        Require(nameof(DeviceDailyRetention), DeviceDailyRetention, TimeSpan.FromDays(7));
        Require(nameof(RegionHourlyRetention), RegionHourlyRetention, TimeSpan.FromDays(366));
        Require(nameof(RegionDailyRetention), RegionDailyRetention, TimeSpan.FromDays(366));
        if (PruneInterval <= TimeSpan.Zero) throw new ArgumentException($"History:{nameof(PruneInterval)} must be positive, not {PruneInterval}");
    }

    private static void Require(string name, TimeSpan value, TimeSpan minimum)
    {
        if (value < minimum) throw new ArgumentException($"History:{name} is {value.TotalDays:0.#} days; it must be at least {minimum.TotalDays:0} days");
    }
}
