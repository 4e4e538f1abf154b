using CityBrain.Indicators.Alerts;
using Microsoft.Extensions.Logging;

namespace CityBrain.Grains.Areas;

/// <summary>A district's alert book and the alerts that ended lately, kept in its state so that an alert survives a
/// restart and clears with hysteresis rather than being raised again.</summary>
[GenerateSerializer, Alias("citybrain.AreaAlerts.v1")]
public sealed partial class AreaAlerts
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
                Log.Raised(logger, key.Kind, Where(key), key.Subject ?? "", e.Alert.Value, e.Alert.Limit);
            }
            else
            {
                Log.Cleared(logger, key.Kind, Where(key), key.Subject ?? "", e.Alert.Peak);
                Ended.Insert(0, e.Alert);
            }
        }
        if (Ended.Count > EndedKept) Ended.RemoveRange(EndedKept, Ended.Count - EndedKept);
        return step.Events.Count > 0;
    }

    /// <summary>The district, and the device when the alert is about one (a district-wide alert has none).</summary>
    private static string Where(AlertKey key) => key.DeviceId is null ? key.DistrictId : $"{key.DistrictId}, device {key.DeviceId}";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Alert raised: {AlertKind} in {Where} {Subject}: {Value} above {Limit}")]
        public static partial void Raised(ILogger logger, AlertKind alertKind, string where, string subject, double value, double limit);

        [LoggerMessage(Level = LogLevel.Information, Message = "Alert cleared: {AlertKind} in {Where} {Subject}, peak {Peak}")]
        public static partial void Cleared(ILogger logger, AlertKind alertKind, string where, string subject, double peak);
    }
}
