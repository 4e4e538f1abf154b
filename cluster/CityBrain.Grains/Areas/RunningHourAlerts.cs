using CityBrain.Indicators.Alerts;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Areas;

/// <summary>Exceedances of the hour still running, checked every alert period from the values so far. They are shown
/// marked provisional until the hour closes; then the closed hour's own check, with its hysteresis in hours, decides,
/// and this book starts again for the next hour. Kept apart from the closed hours' book so that minutes of a running
/// hour never count as the clearing hours of a confirmed alert.</summary>
[GenerateSerializer, Alias("citybrain.RunningHourAlerts.v1")]
public sealed class RunningHourAlerts
{
    [Id(0)] public DateTimeOffset Hour { get; set; }

    [Id(1)] public AlertBook Book { get; set; } = AlertBook.Empty;

    /// <summary>True when an alert of the running hour was raised or ended.</summary>
    public bool Evaluate(ClockHour running, IEnumerable<AlertCheck> checks)
    {
        var book = Hour == running.Start ? Book : AlertBook.Empty;
        var step = book.Evaluate(checks, AlertPolicy.Default);
        var changed = step.Events.Count > 0 || (Hour != running.Start && Book.Active.Count > 0);
        Hour = running.Start;
        Book = step.Book;
        return changed;
    }

    /// <summary>The running hour's alerts that no confirmed alert already covers, marked provisional.</summary>
    public IEnumerable<Alert> Unconfirmed(IReadOnlyList<Alert> confirmed) =>
        Book.Active.Select(a => a.Alert).Where(a => confirmed.All(c => c.Key != a.Key)).Select(a => a with { Provisional = true });
}
