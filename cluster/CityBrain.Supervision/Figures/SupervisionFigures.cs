using CityBrain.Supervision.Cases;

namespace CityBrain.Supervision.Figures;

/// <summary>The supervision figures of a set of cases (a place's, a department's) over a period.</summary>
/// <param name="Open">Open now.</param>
/// <param name="Overdue">Open now and past the deadline of the step they wait for.</param>
/// <param name="Opened">Raised within the period.</param>
/// <param name="Closed">Closed within the period.</param>
/// <param name="ClosureRate">Of the cases raised within the period, the share closed by now; null when none was raised.</param>
/// <param name="MedianToAcknowledge">From raise to acknowledgement, over the cases acknowledged within the period.</param>
/// <param name="MedianToClose">From raise to close, over the cases closed within the period.</param>
/// <param name="Repeats">Cases active within the period whose exceedance returned after it had been verified or closed.</param>
/// <param name="Escalated">Cases active within the period that escalated at least once.</param>
public sealed record SupervisionFigures(
    int Open,
    int Overdue,
    int Opened,
    int Closed,
    double? ClosureRate,
    TimeSpan? MedianToAcknowledge,
    TimeSpan? MedianToClose,
    int Repeats,
    int Escalated)
{
    /// <param name="cases">Cases open now or closed at or after <paramref name="from"/> (what the store's
    /// ActiveSince returns for it).</param>
    public static SupervisionFigures Of(IReadOnlyCollection<SupervisionCase> cases, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        bool Within(DateTimeOffset? at) => at is { } t && t >= from && t < to;
        var active = cases.Where(c => c.OpenedAt < to && (c.ClosedAt is null || c.ClosedAt >= from)).ToList();
        var opened = active.Where(c => Within(c.OpenedAt)).ToList();
        return new SupervisionFigures(
            Open: cases.Count(c => c.IsOpen),
            Overdue: cases.Count(c => c.IsOpen && c.IsOverdue(now)),
            Opened: opened.Count,
            Closed: active.Count(c => Within(c.ClosedAt)),
            ClosureRate: opened.Count == 0 ? null : (double)opened.Count(c => !c.IsOpen) / opened.Count,
            MedianToAcknowledge: Median(active.Where(c => Within(c.AcknowledgedAt)).Select(c => c.AcknowledgedAt!.Value - c.OpenedAt)),
            MedianToClose: Median(active.Where(c => Within(c.ClosedAt)).Select(c => c.ClosedAt!.Value - c.OpenedAt)),
            Repeats: active.Count(c => c.Reopened > 0),
            Escalated: active.Count(c => c.EscalationLevel > 0));
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    internal static TimeSpan? Median(IEnumerable<TimeSpan> spans)
    {
        var sorted = spans.Order().ToList();
        if (sorted.Count == 0) return null;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
