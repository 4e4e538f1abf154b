namespace CityBrain.Grains;

public sealed class GrainOptions
{
    /// <summary>How often, at most, a device tells its district and a district tells the city what changed.
    /// Reporting per reading would multiply the cluster's traffic by the number of levels for nothing the screen shows.</summary>
    public TimeSpan ReportPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A device is online when it was heard from within this window and did not say goodbye.</summary>
    public TimeSpan OnlineWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Latest values older than this no longer count in the district's means.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a grain with unsaved changes writes its state, bounding what a crash can forget
    /// (the raw journal still holds every reading).</summary>
    public TimeSpan SavePeriod { get; set; } = TimeSpan.FromSeconds(30);
}
