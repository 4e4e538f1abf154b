using CityBrain.Host.Api;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.Host.Tests;

public sealed class HistoryRequestTests
{
    private static readonly LocalCalendar Beijing = LocalCalendar.China;

    private static HistoryRequest Parse(string step, string from, string to)
    {
        Assert.True(HistoryRequest.TryParse("pm10", from, to, step, DateTimeOffset.UtcNow, out var request, out var error), error);
        return request;
    }

    private static IEnumerable<HistoryPoint> Days(DateOnly first, int count, double value) =>
        Enumerable.Range(0, count).Select(i => new HistoryPoint(HistoryScope.District, "d", "pm10", HistoryResolution.Day,
            Beijing.StartOf(first.AddDays(i)), value, 24));

    [Theory]
    [InlineData(27, 80.0)]
    [InlineData(26, null)]
    public void A_month_is_the_mean_of_its_daily_values_only_with_27_of_them(int days, double? expected)
    {
        var request = Parse("month", "2026-09-30T16:00:00Z", "2026-10-31T16:00:00Z");
        var month = Assert.Single(request.Fill(Beijing, [.. Days(new DateOnly(2026, 10, 1), days, 80)]));
        Assert.Equal(Beijing.StartOf(new DateOnly(2026, 10, 1)), month.Time);
        Assert.Equal(expected, month.Value);
        Assert.Equal(days, month.Count);
    }

    [Fact]
    public void February_needs_25_days()
    {
        var request = Parse("month", "2026-01-31T16:00:00Z", "2026-02-28T16:00:00Z");
        Assert.Equal(60.0, Assert.Single(request.Fill(Beijing, [.. Days(new DateOnly(2026, 2, 1), 25, 60)])).Value);
    }

    [Fact]
    public void Hours_missing_from_the_store_are_present_as_null()
    {
        var request = Parse("hour", "2026-10-01T00:00:00Z", "2026-10-01T03:00:00Z");
        var stored = new HistoryPoint(HistoryScope.District, "d", "pm10", HistoryResolution.Hour, new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero), 42, 3);
        var points = request.Fill(Beijing, [stored]);
        Assert.Equal([null, 42.0, null], points.Select(p => p.Value));
    }
}
