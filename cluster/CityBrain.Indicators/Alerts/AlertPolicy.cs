namespace CityBrain.Indicators.Alerts;

/// <summary>When an active alert clears. An alert is raised by the first value above the limit; it clears only after
/// <see cref="ClearAfter"/> consecutive evaluations at or below the clear level, limit − <see cref="AbsoluteMargin"/>
/// − limit·<see cref="RelativeMargin"/>. A value between the clear level and the limit keeps the alert and restarts
/// the count, so a value hovering at the limit does not flap.</summary>
public sealed record Hysteresis(double AbsoluteMargin = 0, double RelativeMargin = 0, int ClearAfter = 1)
{
    public double ClearLevel(double limit) => limit - AbsoluteMargin - Math.Abs(limit) * RelativeMargin;
}

/// <summary>The hysteresis of each kind of alert.</summary>
public sealed record AlertPolicy
{
    public static AlertPolicy Default { get; } = new();

    /// <summary>Raised above AQI 100, cleared after two evaluations (hours) at 90 or less.</summary>
    public Hysteresis AirPolluted { get; init; } = new(AbsoluteMargin: 10, ClearAfter: 2);

    /// <summary>Raised above the limit, cleared after two evaluations at 90 % of it or less.</summary>
    public Hysteresis PollutantOverLimit { get; init; } = new(RelativeMargin: 0.1, ClearAfter: 2);

    /// <summary>Raised above the zone limit, cleared after two evaluations at 2 dB below it or more.</summary>
    public Hysteresis NoiseOverLimit { get; init; } = new(AbsoluteMargin: 2, ClearAfter: 2);

    /// <summary>Cleared as soon as the device is heard from again.</summary>
    public Hysteresis DeviceOffline { get; init; } = new(ClearAfter: 1);

    /// <summary>Cleared after two evaluations without invalid values.</summary>
    public Hysteresis DeviceFaulty { get; init; } = new(ClearAfter: 2);

    public Hysteresis For(AlertKind kind) => kind switch
    {
        AlertKind.AirPolluted => AirPolluted,
        AlertKind.PollutantOverLimit => PollutantOverLimit,
        AlertKind.NoiseOverLimit => NoiseOverLimit,
        AlertKind.DeviceOffline => DeviceOffline,
        AlertKind.DeviceFaulty => DeviceFaulty,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
