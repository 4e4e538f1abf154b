using CityBrain.Indicators.Alerts;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Figures;

namespace CityBrain.Supervision.Tests;

public sealed class FiguresTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(2);

    private static SupervisionCase Case(DateTimeOffset opened, TimeSpan? acknowledgeAfter = null, TimeSpan? closeAfter = null, int reopened = 0,
        int escalated = 0, DateTimeOffset? deadline = null) => new(0, "g", CaseKind.Air, AlertSeverity.Warning,
        closeAfter is null ? acknowledgeAfter is null ? CaseStatus.Raised : CaseStatus.Acknowledged : CaseStatus.Closed, "d1", ["d1"], null, opened,
        opened + acknowledgeAfter, null, null, null, opened + closeAfter, deadline, escalated, reopened, 1, []);

    [Fact]
    public void Figures_count_what_happened_within_the_period_and_what_stands_now()
    {
        SupervisionCase[] cases =
        [
            Case(From.AddHours(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(5)),
            Case(From.AddHours(2), TimeSpan.FromMinutes(30), TimeSpan.FromHours(7), reopened: 1),
            Case(From.AddHours(3), TimeSpan.FromMinutes(20), deadline: To.AddHours(-1), escalated: 1),
            Case(From.AddHours(4), deadline: To.AddHours(1)),
            // Opened before the period, closed within it: counts as closed and in the median to close, not as opened.
            Case(From.AddDays(-1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(30)),
        ];

        var figures = SupervisionFigures.Of(cases, From, To, To);

        Assert.Equal(new SupervisionFigures(Open: 2, Overdue: 1, Opened: 4, Closed: 3, ClosureRate: 0.5, MedianToAcknowledge: TimeSpan.FromMinutes(20),
            MedianToClose: TimeSpan.FromHours(7), Repeats: 1, Escalated: 1), figures);
    }

    [Fact]
    public void Without_cases_there_is_no_rate_and_no_median_rather_than_zero()
    {
        var figures = SupervisionFigures.Of([], From, To, To);

        Assert.Equal(new SupervisionFigures(0, 0, 0, 0, null, null, null, 0, 0), figures);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), SupervisionFigures.Median([TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5)]));
    }
}
