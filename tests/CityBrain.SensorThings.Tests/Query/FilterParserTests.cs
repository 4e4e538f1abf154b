using CityBrain.SensorThings.Query;
using NetTopologySuite.Geometries;
using static CityBrain.SensorThings.Tests.Query.Filters;

namespace CityBrain.SensorThings.Tests.Query;

public sealed class FilterParserTests
{
    private static object? Literal(string text) => Assert.IsType<LiteralExpression>(Parse(text)).Value;

    [Fact]
    public void Scalar_literals()
    {
        Assert.Null(Literal("null"));
        Assert.Equal(true, Literal("true"));
        Assert.Equal(false, Literal("false"));
        Assert.Equal(42L, Literal("42"));
        Assert.Equal(-42L, Literal("-42"));
        Assert.Equal(1.5, Literal("1.5"));
        Assert.Equal(1500.0, Literal("1.5e3"));
        Assert.Equal(0.0015, Literal("1.5E-3"));
        Assert.Equal(1e20, Literal("100000000000000000000"));
        Assert.Equal("it's", Literal("'it''s'"));
        Assert.Equal("", Literal("''"));
    }

    [Fact]
    public void Datetime_literals_keep_their_offset()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Literal("2026-12-01T00:00:00Z"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(2)), Literal("2026-12-01T08:30:00+02:00"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(-5)), Literal("2026-12-01T08:30-05:00"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), Literal("2026-12-01T00:00:00.1234567Z"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Literal("2026-12-01"));
    }

    [Fact]
    public void An_unencoded_plus_in_an_offset_arrives_as_a_space_and_still_reads() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(2)), Literal("2026-12-01T08:30:00 02:00"));

    [Fact]
    public void Interval_duration_and_time_of_day_literals()
    {
        Assert.Equal(
            new TimeInterval(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero)),
            Literal("2026-12-01T00:00:00Z/2026-12-01T01:00:00Z"));
        Assert.Equal(new TimeSpan(1, 2, 30, 1, 500), Literal("duration'P1DT2H30M1.5S'"));
        Assert.Equal(-TimeSpan.FromMinutes(5), Literal("duration'-PT5M'"));
        Assert.Equal(-TimeSpan.FromMinutes(5), Literal("-duration'PT5M'"));
        Assert.Equal(new TimeSpan(13, 45, 0), Literal("13:45:00"));
    }

    [Fact]
    public void Geography_literals_are_wkt_in_wgs84()
    {
        var point = Assert.IsType<Point>(Literal("geography'POINT(8.5 47.4)'"));
        Assert.Equal((8.5, 47.4, 4326), (point.X, point.Y, point.SRID));
        var polygon = Assert.IsType<Polygon>(Literal("geography'POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))'"));
        Assert.Equal(1.0, polygon.Area, 9);
        Assert.IsType<LineString>(Literal("geography'LINESTRING(0 0, 3 4)'"));
        Assert.IsType<MultiPoint>(Literal("geometry'MULTIPOINT((0 0), (1 1))'"));
    }

    [Theory]
    [InlineData("Datastream/ObservedProperty/name", "Datastream/ObservedProperty/name")]
    [InlineData("properties/serial-number", "properties/serial-number")]
    [InlineData("properties/tags/0", "properties/tags/0")]
    [InlineData("@iot.id", "@iot.id")]
    // Multiplicative binds tighter than additive, both tighter than comparison.
    [InlineData("a add b mul 2 gt c mod 3", "((a add (b mul 2)) gt (c mod 3))")]
    [InlineData("a div b sub c", "((a div b) sub c)")]
    // Relational binds tighter than equality.
    [InlineData("a lt 1 eq true", "((a lt 1) eq true)")]
    // And binds tighter than or; both associate to the left, as do the arithmetic operators.
    [InlineData("a eq 1 or b eq 2 and c eq 3", "((a eq 1) or ((b eq 2) and (c eq 3)))")]
    [InlineData("(a eq 1 or b eq 2) and c eq 3", "(((a eq 1) or (b eq 2)) and (c eq 3))")]
    [InlineData("a or b or c", "((a or b) or c)")]
    [InlineData("a sub b sub c", "((a sub b) sub c)")]
    // Not takes a whole comparison (as in SQL) and binds tighter than and.
    [InlineData("not a eq 1 and b eq 2", "((not (a eq 1)) and (b eq 2))")]
    [InlineData("not not a eq 1", "(not (not (a eq 1)))")]
    [InlineData("a eq not b", "(a eq (not b))")]
    // Unary minus binds tightest; a negative number is a literal.
    [InlineData("-a mul b", "((-a) mul b)")]
    [InlineData("-2 add 3", "(-2 add 3)")]
    [InlineData("- (a)", "(-a)")]
    // Function arguments are whole expressions; names are read without regard to case.
    [InlineData("substring(name, 1 add 1, length('ab'))", "substring(name, (1 add 1), length('ab'))")]
    [InlineData("Geo.Distance(location, null) le 10", "(geo.distance(location, null) le 10)")]
    [InlineData("now()", "now()")]
    [InlineData("  ( ( name ) )  eq  'x' ", "(name eq 'x')")]
    public void Precedence_and_structure(string filter, string tree) => Assert.Equal(tree, Show(Parse(filter)));

    [Theory]
    [InlineData("(name eq 'a'", "$filter is not valid at its end: expected ')' to close the '(' at character 1, found the end of the text.")]
    [InlineData("name eq 'a')", "$filter is not valid at character 12: this ')' has no matching '('.")]
    [InlineData("frobnicate(name)", "$filter is not valid at character 1: 'frobnicate' is not a function of the SensorThings filter language.")]
    [InlineData("length(name, 2)", "$filter is not valid at character 1: length takes 1 argument, not 2.")]
    [InlineData("substring(name)", "$filter is not valid at character 1: substring takes 2 or 3 arguments, not 1.")]
    [InlineData("now(1)", "$filter is not valid at character 1: now takes 0 arguments, not 1.")]
    [InlineData("length(name", "$filter is not valid at its end: expected ',' or ')' in the call of length opened at character 7, found the end of the text.")]
    [InlineData("name eq 'abc", "$filter is not valid at character 9: the string that starts here is not closed with a quote.")]
    [InlineData("result gt 12abc", "$filter is not valid at character 11: '12a' is not a valid number.")]
    [InlineData("time eq 2026-13-45T00:00:00Z", "$filter is not valid at character 9: '2026-13-45T00:00:00Z' is not a valid date or time.")]
    [InlineData("t eq 2026-12-02T00:00:00Z/2026-12-01T00:00:00Z", "$filter is not valid at character 6: the interval ends before it starts.")]
    [InlineData("t eq 2026-12-02T00:00:00Z/x", "$filter is not valid at character 27: an interval needs a date and time after the '/'.")]
    [InlineData("t eq 25:00", "$filter is not valid at character 6: '25:00' is not a valid time of day.")]
    [InlineData("d eq duration'P1Y'", "$filter is not valid at character 14: 'P1Y' is not a valid duration literal.")]
    [InlineData("st_within(location, geography'POINT(1)')", "$filter is not valid at character 30: 'POINT(1)' is not a valid geography literal.")]
    [InlineData("x eq guid'abc'", "$filter is not valid at character 6: 'guid' is not a literal type (geography'…', geometry'…' and duration'…' are).")]
    [InlineData("name eq #", "$filter is not valid at character 9: the character '#' is not allowed here.")]
    [InlineData("name eq 'a' 'b'", "$filter is not valid at character 13: expected an operator or the end, found the value 'b'.")]
    [InlineData("Datastream/", "$filter is not valid at its end: expected a property name after '/', found the end of the text.")]
    [InlineData("  ", "$filter is not valid at character 1: it is empty.")]
    public void Malformed_filters_are_refused_with_a_sentence_and_a_position(string filter, string error) =>
        Assert.Equal(error, Error(filter));

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var parentheses = new string('(', 100_000) + "a" + new string(')', 100_000);
        var nots = string.Concat(Enumerable.Repeat("not ", 2_000)) + "a";
        var minuses = new string('-', 5_000) + "a";
        var calls = string.Concat(Enumerable.Repeat("trim(", 1_000)) + "a" + new string(')', 1_000);

        Assert.Equal($"$filter is not valid at character 10001: it is longer than {FilterParser.MaxLength} characters.", Error(parentheses));
        foreach (var text in new[] { nots, minuses, calls, new string('(', 101) + "a" + new string(')', 101) })
        {
            Assert.EndsWith($"it nests deeper than {FilterParser.MaxDepth} levels.", Error(text));
        }
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses() =>
        Assert.Equal("a", Show(Parse(new string('(', FilterParser.MaxDepth - 1) + "a" + new string(')', FilterParser.MaxDepth - 1))));
}
