namespace CityBrain.Edge.Sensors.Sds011;

/// <summary>Configuration of an SDS011 (section <c>Sds011</c>). The sensor keeps its report mode and working period in
/// flash across power cycles, so the driver reads them at set-up and writes only what differs.</summary>
public sealed class Sds011Settings
{
    /// <summary>Query (default): a fresh measurement per read and a quiet line between reads. Active: the sensor reports
    /// on its own and each read takes the newest report.</summary>
    public Sds011Mode Mode { get; set; } = Sds011Mode.Query;

    /// <summary>Active mode only: 0 (default) runs continuously with a report each second; 1..30 makes the sensor sleep
    /// and wake 30 s before one report every that many minutes, which spares its laser and fan. Sample no faster.</summary>
    public int WorkingPeriodMinutes { get; set; }

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (WorkingPeriodMinutes is < 0 or > Sds011Commands.MaxWorkingPeriodMinutes)
        {
            yield return (nameof(WorkingPeriodMinutes), $"must be 0 (continuous) or 1..{Sds011Commands.MaxWorkingPeriodMinutes} minutes (got {WorkingPeriodMinutes})");
        }
        else if (WorkingPeriodMinutes > 0 && Mode != Sds011Mode.Active)
        {
            yield return (nameof(WorkingPeriodMinutes), $"applies only with Mode Active: in Query mode the gateway's sample interval sets the pace (got {WorkingPeriodMinutes} with Mode {Mode})");
        }
    }
}
