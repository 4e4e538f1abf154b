using CityBrain.SensorThings.Query;
using static CityBrain.SensorThings.Tests.Query.Filters;

namespace CityBrain.SensorThings.Tests.Query;

/// <summary>An interval value (an hourly mean's phenomenonTime 10:00/11:00) against instants and intervals.</summary>
public sealed class TemporalSemanticsTests
{
    private static readonly FakeEntity HourlyMean = new(new Dictionary<string, object?>
    {
        ["phenomenonTime"] = new TimeInterval(At(10), At(11)),
    });

    private static DateTimeOffset At(int hour, int minute = 0) => new(2026, 12, 1, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    // gt t: starts after t.
    [InlineData("phenomenonTime gt 2026-12-01T09:59:00Z", true)]
    [InlineData("phenomenonTime gt 2026-12-01T10:00:00Z", false)]
    // ge t: ends after t (starts after it or contains it).
    [InlineData("phenomenonTime ge 2026-12-01T10:30:00Z", true)]
    [InlineData("phenomenonTime ge 2026-12-01T11:00:00Z", false)]
    // lt t: ends at or before t (the end is exclusive).
    [InlineData("phenomenonTime lt 2026-12-01T11:00:00Z", true)]
    [InlineData("phenomenonTime lt 2026-12-01T10:59:00Z", false)]
    // le t: starts at or before t.
    [InlineData("phenomenonTime le 2026-12-01T10:00:00Z", true)]
    [InlineData("phenomenonTime le 2026-12-01T09:59:00Z", false)]
    // eq t: contains t; ne is its negation.
    [InlineData("phenomenonTime eq 2026-12-01T10:00:00Z", true)]
    [InlineData("phenomenonTime eq 2026-12-01T10:59:59Z", true)]
    [InlineData("phenomenonTime eq 2026-12-01T11:00:00Z", false)]
    [InlineData("phenomenonTime ne 2026-12-01T11:00:00Z", true)]
    // The literal on the left mirrors the operator.
    [InlineData("2026-12-01T09:59:00Z lt phenomenonTime", true)]
    [InlineData("2026-12-01T10:30:00Z eq phenomenonTime", true)]
    [InlineData("2026-12-01T11:00:00Z ge phenomenonTime", true)]
    // ge a and le b: overlaps [a, b].
    [InlineData("phenomenonTime ge 2026-12-01T10:45:00Z and phenomenonTime le 2026-12-01T12:00:00Z", true)]
    [InlineData("phenomenonTime ge 2026-12-01T11:00:00Z and phenomenonTime le 2026-12-01T12:00:00Z", false)]
    // Interval against interval: equal bounds, wholly before, wholly after (touching counts, the end being exclusive).
    [InlineData("phenomenonTime eq 2026-12-01T10:00:00Z/2026-12-01T11:00:00Z", true)]
    [InlineData("phenomenonTime eq 2026-12-01T10:00:00Z/2026-12-01T12:00:00Z", false)]
    [InlineData("phenomenonTime lt 2026-12-01T11:00:00Z/2026-12-01T12:00:00Z", true)]
    [InlineData("phenomenonTime gt 2026-12-01T09:00:00Z/2026-12-01T10:00:00Z", true)]
    [InlineData("phenomenonTime gt 2026-12-01T09:00:00Z/2026-12-01T10:00:01Z", false)]
    [InlineData("phenomenonTime le 2026-12-01T10:00:00Z/2026-12-01T11:00:00Z", true)]
    public void An_interval_compares_as_the_span_of_its_instants(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, HourlyMean));

    [Theory]
    [InlineData("phenomenonTime eq 2026-12-01T10:00:00Z/2026-12-01T11:00:00Z", true)]
    [InlineData("phenomenonTime eq 2026-12-01T10:30:00Z/2026-12-01T11:00:00Z", false)]
    [InlineData("phenomenonTime lt 2026-12-01T10:00:01Z/2026-12-01T11:00:00Z", true)]
    [InlineData("phenomenonTime gt 2026-12-01T09:00:00Z/2026-12-01T10:00:00Z", true)]
    [InlineData("phenomenonTime ge 2026-12-01T09:00:00Z/2026-12-01T10:00:00Z", true)]
    [InlineData("phenomenonTime le 2026-12-01T09:00:00Z/2026-12-01T10:00:00Z", false)]
    public void An_instant_against_an_interval_literal(string filter, bool expected)
    {
        var reading = new FakeEntity(new Dictionary<string, object?> { ["phenomenonTime"] = At(10) });

        Assert.Equal(expected, Matches(filter, reading));
    }

    [Fact]
    public void An_interval_with_equal_ends_is_the_instant()
    {
        var point = new FakeEntity(new Dictionary<string, object?> { ["phenomenonTime"] = new TimeInterval(At(10), At(10)) });

        Assert.True(Matches("phenomenonTime eq 2026-12-01T10:00:00Z", point));
        Assert.False(Matches("phenomenonTime lt 2026-12-01T10:00:00Z", point));
        Assert.True(Matches("phenomenonTime le 2026-12-01T10:00:00Z", point));
    }

    [Fact]
    public void Date_functions_on_an_interval_read_its_start()
    {
        Assert.Equal(10L, Evaluate("hour(phenomenonTime)", HourlyMean));
        Assert.Equal(At(10), Evaluate("mindatetime(phenomenonTime)", HourlyMean));
        Assert.Equal(At(11), Evaluate("maxdatetime(phenomenonTime)", HourlyMean));
        Assert.True(Matches("date(phenomenonTime) eq 2026-12-01", HourlyMean));
    }

    [Fact]
    public void An_interval_shifts_by_a_duration() =>
        Assert.Equal(new TimeInterval(At(11), At(12)), Evaluate("phenomenonTime add duration'PT1H'", HourlyMean));
}
