using CityBrain.Indicators.Alerts;
using Microsoft.Extensions.Logging;

namespace CityBrain.Grains.Areas;

/// <summary>A district's alert book and the alerts that ended lately, kept in its state so that an alert survives a
/// restart and clears with hysteresis rather than being raised again.</summary>
[GenerateSerializer, Alias("citybrain.AreaAlerts.v1")]
public sealed class AreaAlerts
{
    public const int EndedKept = 50;

    [Id(0)] public AlertBook Book { get; set; } = AlertBook.Empty;

    [Id(1)] public List<Alert> Ended { get; set; } = [];

    public IReadOnlyList<Alert> Active => [.. Book.Active.Select(a => a.Alert)];

    /// <summary>True when something was raised or cleared.</summary>
    public bool Evaluate(IEnumerable<AlertCheck> checks, ILogger logger)
    {
        var step = Book.Evaluate(checks, AlertPolicy.Default);
        Book = step.Book;
        foreach (var e in step.Events)
        {
            var key = e.Alert.Key;
            if (e.Transition == AlertTransition.Raised)
            {
                logger.LogWarning("Alert raised: {AlertKind} in {DistrictId} {DeviceId} {Subject}: {Value} above {Limit}",
                    key.Kind, key.DistrictId, key.DeviceId, key.Subject, e.Alert.Value, e.Alert.Limit);
            }
            else
            {
                logger.LogInformation("Alert cleared: {AlertKind} in {DistrictId} {DeviceId} {Subject}, peak {Peak}",
                    key.Kind, key.DistrictId, key.DeviceId, key.Subject, e.Alert.Peak);
                Ended.Insert(0, e.Alert);
            }
        }
        if (Ended.Count > EndedKept) Ended.RemoveRange(EndedKept, Ended.Count - EndedKept);
        return step.Events.Count > 0;
    }
}
