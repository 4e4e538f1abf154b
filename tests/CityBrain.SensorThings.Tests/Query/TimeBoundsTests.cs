using CityBrain.SensorThings.Query;
using static CityBrain.SensorThings.Tests.Query.Filters;

namespace CityBrain.SensorThings.Tests.Query;

public sealed class TimeBoundsTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset H(int hour) => Day.AddHours(hour);

    private static string Text(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static TimeRange Of(string filter) => TimeBounds.Of(Parse(filter), "phenomenonTime");

    [Fact]
    public void Top_level_and_terms_narrow_the_range()
    {
        Assert.Equal(new TimeRange(H(2), H(5)), Of("phenomenonTime ge 2026-12-01T02:00:00Z and result gt 3 and phenomenonTime lt 2026-12-01T05:00:00Z"));
        Assert.Equal(new TimeRange(H(2), null), Of("phenomenonTime gt 2026-12-01T02:00:00Z"));
        Assert.Equal(new TimeRange(null, H(5)), Of("2026-12-01T05:00:00Z ge phenomenonTime"));
        Assert.Equal(new TimeRange(H(3), H(3)), Of("phenomenonTime eq 2026-12-01T03:00:00Z"));
        Assert.Equal(new TimeRange(H(3), H(4)), Of("phenomenonTime eq 2026-12-01T03:00:00Z/2026-12-01T04:00:00Z"));
        Assert.Equal(new TimeRange(H(4), null), Of("phenomenonTime gt 2026-12-01T03:00:00Z/2026-12-01T04:00:00Z"));
        Assert.Equal(new TimeRange(H(3), H(4)), Of("(phenomenonTime ge 2026-12-01T01:00:00Z and phenomenonTime ge 2026-12-01T03:00:00Z) and phenomenonTime le 2026-12-01T04:00:00Z"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("result gt 3")]
    [InlineData("phenomenonTime ne 2026-12-01T02:00:00Z")]
    [InlineData("phenomenonTime gt 2026-12-01T02:00:00Z or result gt 3")]
    [InlineData("not (phenomenonTime lt 2026-12-01T02:00:00Z)")]
    [InlineData("phenomenonTime gt now()")]
    [InlineData("phenomenonTime gt '2026-12-01T02:00:00Z'")]
    [InlineData("resultTime gt 2026-12-01T02:00:00Z")]
    [InlineData("Datastream/phenomenonTime gt 2026-12-01T02:00:00Z")]
    [InlineData("phenomenonTime add duration'PT1H' gt 2026-12-01T02:00:00Z")]
    public void Anything_else_leaves_it_unbounded(string? filter) =>
        Assert.Equal(TimeRange.Unbounded, TimeBounds.Of(filter is null ? null : Parse(filter), "phenomenonTime"));

    [Fact]
    public void A_value_lies_within_a_range_when_it_touches_it()
    {
        var range = new TimeRange(H(2), H(5));

        Assert.True(range.Contains(new TimeInterval(H(2), H(2))));
        Assert.True(range.Contains(new TimeInterval(H(1), H(2))));
        Assert.True(range.Contains(new TimeInterval(H(5), H(6))));
        Assert.True(range.Contains(new TimeInterval(H(3), H(1))));
        Assert.False(range.Contains(new TimeInterval(H(6), H(6))));
        Assert.False(range.Contains(new TimeInterval(H(0), H(1))));
        Assert.True(TimeRange.Unbounded.Contains(new TimeInterval(DateTimeOffset.MinValue, DateTimeOffset.MinValue)));
    }

    [Fact]
    public void A_nested_property_is_named_with_slashes() =>
        Assert.Equal(
            new TimeRange(H(2), null),
            TimeBounds.Of(Parse("Datastream/phenomenonTime gt 2026-12-01T02:00:00Z"), "Datastream/phenomenonTime"));

    [Fact]
    public void Every_entity_a_random_filter_matches_lies_within_its_bounds()
    {
        var random = new Random(18);
        var entities = Enumerable.Range(0, 200).Select(_ => RandomEntity(random)).ToList();
        var narrowedMatches = 0;
        for (var i = 0; i < 400; i++)
        {
            var text = RandomFilter(random, depth: 0);
            var filter = Parse(text);
            var range = TimeBounds.Of(filter, "phenomenonTime");
            foreach (var entity in entities.Where(e => FilterEvaluator.Matches(filter, e)))
            {
                var value = StaValues.Bounds(entity.Properties["phenomenonTime"]);
                Assert.True(value is { } span && range.Contains(span), $"{text} matches {value} outside {range}");
                narrowedMatches += range == TimeRange.Unbounded ? 0 : 1;
            }
        }

        // The property is only worth checking if bounded ranges did admit entities.
        Assert.True(narrowedMatches > 1_000, $"only {narrowedMatches} matches were checked against a bounded range");
    }

    private static FakeEntity RandomEntity(Random random)
    {
        var start = H(random.Next(24)).AddMinutes(random.Next(2) * 30);
        object time = random.Next(3) switch
        {
            0 => start,
            1 => new TimeInterval(start, start),
            _ => new TimeInterval(start, start.AddMinutes(30 * random.Next(1, 7))),
        };
        return new FakeEntity(new Dictionary<string, object?> { ["phenomenonTime"] = time, ["result"] = (long)random.Next(10) });
    }

    private static string RandomFilter(Random random, int depth) => (depth < 3 ? random.Next(6) : 0) switch
    {
        0 or 1 or 2 => RandomTerm(random),
        3 => $"{RandomFilter(random, depth + 1)} and {RandomFilter(random, depth + 1)}",
        4 => $"({RandomFilter(random, depth + 1)} or {RandomFilter(random, depth + 1)})",
        _ => $"not ({RandomFilter(random, depth + 1)})",
    };

    private static string RandomTerm(Random random)
    {
        if (random.Next(6) == 0)
        {
            return $"result gt {random.Next(10)}";
        }

        var op = new[] { "eq", "ne", "gt", "ge", "lt", "le" }[random.Next(6)];
        var start = H(random.Next(24)).AddMinutes(random.Next(4) * 15);
        var literal = random.Next(2) == 0 ? Text(start) : $"{Text(start)}/{Text(start.AddMinutes(15 * random.Next(0, 9)))}";
        return random.Next(2) == 0 ? $"phenomenonTime {op} {literal}" : $"{literal} {op} phenomenonTime";
    }
}
