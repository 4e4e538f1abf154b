namespace CityBrain.Indicators.Alerts;

public enum AlertKind
{
    /// <summary>AQI above 100: light pollution (轻度污染) or worse.</summary>
    AirPolluted,

    /// <summary>A pollutant's concentration above its limit (its sub-index above 100).</summary>
    PollutantOverLimit,

    /// <summary>Noise above the GB 3096-2008 limit of the zone for the period.</summary>
    NoiseOverLimit,

    /// <summary>A device silent for longer than the online window.</summary>
    DeviceOffline,

    /// <summary>An online device delivering invalid values.</summary>
    DeviceFaulty,
}

/// <summary>What an alert is about; at most one alert per key is active.</summary>
/// <param name="DeviceId">For device alerts and device-level noise.</param>
/// <param name="Subject">What within the district or device, e.g. the item <c>PM2.5-1h</c> or <c>noise</c>.</param>
public sealed record AlertKey(AlertKind Kind, string DistrictId, string? DeviceId = null, string? Subject = null);

/// <summary>One evaluation of a condition, which holds while <see cref="Value"/> is above <see cref="Limit"/>.</summary>
public sealed record AlertCheck(AlertKey Key, DateTimeOffset At, double Value, double Limit);

/// <summary>An alert, active while <see cref="End"/> is null.</summary>
/// <param name="Start">The evaluation that first found the value above the limit.</param>
/// <param name="End">The first of the clear evaluations that ended it: when conditions returned to normal, not when
/// the last confirming evaluation came.</param>
/// <param name="Value">The latest evaluated value.</param>
/// <param name="Peak">The highest value while active.</param>
/// <param name="Limit">The latest limit (a noise limit changes between day and night).</param>
/// <param name="Provisional">Raised by the hour still running: the closed hour confirms it or lets it go.</param>
public sealed record Alert(AlertKey Key, DateTimeOffset Start, DateTimeOffset? End, double Value, double Peak, double Limit, bool Provisional = false)
{
    /// <summary>Names this alert among every alert ever raised: what it is about and when it started. The API lists
    /// alerts under it and supervision cases refer to them by it.</summary>
    public string StableId() => string.Join('/', Key.Kind, Key.DistrictId, Key.DeviceId ?? "-", Key.Subject ?? "-", Start.ToUnixTimeSeconds());
}

public enum AlertTransition
{
    Raised,
    Cleared,
}

public sealed record AlertEvent(AlertTransition Transition, Alert Alert);
