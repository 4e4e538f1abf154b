namespace CityBrain.Indicators.Alerts;

/// <summary>How urgently an alert needs a person: the cockpit colours by it and supervision sets deadlines by it.</summary>
public enum AlertSeverity
{
    Warning,
    Critical,
}

public static class AlertSeverities
{
    /// <summary>Critical when the air is heavily polluted (AQI above 200, 重度污染 or worse) or a pollutant reached twice
    /// its limit; every other alert is a warning.</summary>
    public static AlertSeverity Of(Alert alert) => alert.Key.Kind switch
    {
        AlertKind.AirPolluted when alert.Peak > 200 => AlertSeverity.Critical,
        AlertKind.PollutantOverLimit when alert.Peak >= 2 * alert.Limit => AlertSeverity.Critical,
        _ => AlertSeverity.Warning,
    };
}
