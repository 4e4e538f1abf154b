using CityBrain.Indicators.Alerts;

namespace CityBrain.Supervision.Cases;

/// <summary>One alert a case covers, as it was last seen: a case of a pollution episode covers the alerts of every
/// district the episode reached.</summary>
/// <param name="Id">The alert's <see cref="Alert.StableId"/>.</param>
public sealed record CaseAlert(
    string Id,
    AlertKind Kind,
    string DistrictId,
    string? DeviceId,
    string? Subject,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double Peak,
    double Limit,
    AlertSeverity Severity)
{
    public static CaseAlert From(Alert alert) => new(alert.StableId(), alert.Key.Kind, alert.Key.DistrictId, alert.Key.DeviceId,
        alert.Key.Subject, alert.Start, alert.End, alert.Peak, alert.Limit, AlertSeverities.Of(alert));

    public bool IsActive => End is null;
}
