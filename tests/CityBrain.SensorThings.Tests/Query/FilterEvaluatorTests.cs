using System.Text.Json;
using CityBrain.SensorThings.Query;
using static CityBrain.SensorThings.Tests.Query.Filters;

namespace CityBrain.SensorThings.Tests.Query;

public sealed class FilterEvaluatorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static FakeEntity Datastream(string name, params FakeEntity[] observations) => new(
        new Dictionary<string, object?>
        {
            ["name"] = name,
            ["unitOfMeasurement"] = Json("""{"name":"microgram per cubic metre","symbol":"µg/m³"}"""),
        },
        new Dictionary<string, IStaEntity[]>
        {
            ["ObservedProperty"] = [new FakeEntity(new Dictionary<string, object?> { ["name"] = name })],
            ["Observations"] = observations,
        });

    private static FakeEntity Observation(object? result) => new(new Dictionary<string, object?> { ["result"] = result });

    private static readonly FakeEntity Thing = new(
        new Dictionary<string, object?>
        {
            ["name"] = "Station Nord",
            ["description"] = "  Air quality station  ",
            ["properties"] = Json("""{"district":"nord","height":12.5,"floors":3,"indoor":false,"serial-number":"A-7","tags":["air","noise"],"owner":{"kind":"city"},"note":null}"""),
        },
        new Dictionary<string, IStaEntity[]>
        {
            ["Datastreams"] = [Datastream("pm2_5", Observation(4L), Observation(9.5)), Datastream("noise_ld", Observation(61L))],
        });

    private static readonly FakeEntity Reading = new(
        new Dictionary<string, object?>
        {
            ["result"] = 12.5,
            ["count"] = 7L,
            ["phenomenonTime"] = Noon,
            ["resultTime"] = null,
            ["parameters"] = Json("""{"quality":"good"}"""),
        },
        new Dictionary<string, IStaEntity[]> { ["Datastream"] = [Datastream("pm2_5")] });

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData("result eq 12.5", true)]
    [InlineData("result ne 12.5", false)]
    [InlineData("result gt 12", true)]
    [InlineData("result ge 12.5", true)]
    [InlineData("result lt 12.5", false)]
    [InlineData("result le 12.5", true)]
    [InlineData("count eq 7", true)]
    [InlineData("count eq 7.0", true)]
    [InlineData("count lt 7.5", true)]
    [InlineData("result gt 5 and count lt 10", true)]
    [InlineData("result gt 50 and count lt 10", false)]
    [InlineData("result gt 50 or count lt 10", true)]
    [InlineData("result gt 50 or count gt 10", false)]
    [InlineData("not result gt 50", true)]
    [InlineData("not (result gt 5)", false)]
    [InlineData("true", true)]
    [InlineData("false or true and false", false)]
    public void Comparison_and_logical_operators(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Reading));

    [Theory]
    [InlineData("count add 3", 10L)]
    [InlineData("count sub 10", -3L)]
    [InlineData("count mul 3", 21L)]
    [InlineData("count div 2", 3L)]
    [InlineData("count mod 4", 3L)]
    [InlineData("result add 1", 13.5)]
    [InlineData("count mul 0.5", 3.5)]
    [InlineData("result div 5", 2.5)]
    [InlineData("result mod 5", 2.5)]
    [InlineData("-count", -7L)]
    [InlineData("-result", -12.5)]
    [InlineData("2 add 3 mul 4", 14L)]
    [InlineData("(2 add 3) mul 4", 20L)]
    [InlineData("10 sub 4 sub 3", 3L)]
    public void Arithmetic_promotes_long_to_double_only_when_needed(string expression, object expected) =>
        Assert.Equal(expected, Evaluate(expression, Reading));

    [Theory]
    [InlineData("count div 0")]
    [InlineData("count mod 0")]
    [InlineData("result div 0")]
    [InlineData("9223372036854775807 add 1")]
    [InlineData("-name")]
    [InlineData("name add 1")]
    [InlineData("nothing add 1")]
    [InlineData("result add 'x'")]
    public void Impossible_arithmetic_is_null(string expression) => Assert.Null(Evaluate(expression, Reading));

    [Theory]
    [InlineData("resultTime gt 2026-01-01T00:00:00Z")]
    [InlineData("resultTime lt 2026-01-01T00:00:00Z")]
    [InlineData("resultTime ne 2026-01-01T00:00:00Z")]
    [InlineData("missing eq 1")]
    [InlineData("missing ne 1")]
    [InlineData("result eq 'text'")]
    [InlineData("result ne 'text'")]
    [InlineData("phenomenonTime gt 5")]
    [InlineData("parameters gt 1")]
    public void A_comparison_with_null_or_another_type_is_false(string filter) => Assert.False(Matches(filter, Reading));

    [Fact]
    public void Eq_and_ne_null_written_literally_test_for_a_missing_value()
    {
        Assert.True(Matches("resultTime eq null", Reading));
        Assert.True(Matches("null eq missing", Reading));
        Assert.False(Matches("result eq null", Reading));
        Assert.True(Matches("result ne null", Reading));
        Assert.False(Matches("resultTime ne null", Reading));
    }

    [Fact]
    public void Not_of_a_comparison_with_null_is_true() => Assert.True(Matches("not (resultTime gt 2026-01-01T00:00:00Z)", Reading));

    [Theory]
    [InlineData("Datastream/name eq 'pm2_5'", true)]
    [InlineData("Datastream/ObservedProperty/name eq 'pm2_5'", true)]
    [InlineData("Datastream/ObservedProperty/name eq 'no2'", false)]
    [InlineData("Datastream/unitOfMeasurement/symbol eq 'µg/m³'", true)]
    [InlineData("parameters/quality eq 'good'", true)]
    [InlineData("parameters/quality/deeper eq 'good'", false)]
    [InlineData("Datastream/Thing/name eq 'x'", false)]
    public void Paths_cross_to_one_navigations_and_json(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Reading));

    [Theory]
    [InlineData("properties/district eq 'nord'", true)]
    [InlineData("properties/height gt 12", true)]
    [InlineData("properties/floors eq 3", true)]
    [InlineData("properties/indoor eq false", true)]
    [InlineData("properties/serial-number eq 'A-7'", true)]
    [InlineData("properties/tags/1 eq 'noise'", true)]
    [InlineData("properties/tags/2 eq 'noise'", false)]
    [InlineData("properties/owner/kind eq 'city'", true)]
    [InlineData("properties/note eq null", true)]
    [InlineData("properties/absent eq null", true)]
    [InlineData("properties/owner eq 'city'", false)]
    public void Json_properties_are_read_as_values(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Thing));

    [Theory]
    [InlineData("Datastreams/name eq 'noise_ld'", true)]
    [InlineData("Datastreams/name eq 'no2'", false)]
    [InlineData("Datastreams/name eq 'pm2_5' and Datastreams/name eq 'noise_ld'", true)]
    [InlineData("Datastreams/name ne 'pm2_5'", true)]
    [InlineData("not (Datastreams/name eq 'pm2_5')", false)]
    [InlineData("Datastreams/Observations/result gt 60", true)]
    [InlineData("Datastreams/Observations/result gt 61", false)]
    [InlineData("Datastreams/Observations/result add 1 eq 10.5", true)]
    [InlineData("startswith(Datastreams/name, 'noise')", true)]
    [InlineData("length(Datastreams/name) eq 5", true)]
    [InlineData("Datastreams/ObservedProperty/name eq Datastreams/name", true)]
    public void A_to_many_path_matches_when_any_related_value_does(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Thing));

    [Fact]
    public void An_empty_to_many_navigation_has_no_value()
    {
        var lonely = new FakeEntity(new Dictionary<string, object?>(), new Dictionary<string, IStaEntity[]> { ["Datastreams"] = [] });

        Assert.False(Matches("Datastreams/name eq 'x'", lonely));
        Assert.False(Matches("Datastreams/name ne 'x'", lonely));
        Assert.True(Matches("Datastreams/name eq null", lonely));
    }

    [Fact]
    public void Ordering_by_a_to_many_path_uses_its_smallest_value() =>
        Assert.Equal(4L, Evaluate("Datastreams/Observations/result", Thing));

    [Theory]
    [InlineData("substringof('Nord', name)", true)]
    [InlineData("substringof('nord', name)", false)]
    [InlineData("endswith(name, 'Nord')", true)]
    [InlineData("startswith(name, 'Station')", true)]
    [InlineData("startswith(name, 'station')", false)]
    [InlineData("length(name) eq 12", true)]
    [InlineData("indexof(name, 'Nord') eq 8", true)]
    [InlineData("indexof(name, 'Süd') eq -1", true)]
    [InlineData("substring(name, 8) eq 'Nord'", true)]
    [InlineData("substring(name, 0, 7) eq 'Station'", true)]
    [InlineData("substring(name, 8, 100) eq 'Nord'", true)]
    [InlineData("substring(name, 100) eq ''", true)]
    [InlineData("tolower(name) eq 'station nord'", true)]
    [InlineData("toupper(name) eq 'STATION NORD'", true)]
    [InlineData("trim(description) eq 'Air quality station'", true)]
    [InlineData("concat(name, '!') eq 'Station Nord!'", true)]
    [InlineData("concat(concat(properties/district, '-'), properties/serial-number) eq 'nord-A-7'", true)]
    [InlineData("length(properties/floors) eq 1", false)]
    public void String_functions(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Thing));

    [Theory]
    [InlineData("year(t)", 2026L)]
    [InlineData("month(t)", 12L)]
    [InlineData("day(t)", 1L)]
    [InlineData("hour(t)", 8L)]
    [InlineData("minute(t)", 30L)]
    [InlineData("second(t)", 15L)]
    [InlineData("fractionalseconds(t)", 0.25)]
    [InlineData("totaloffsetminutes(t)", 120L)]
    [InlineData("round(2.5)", 3.0)]
    [InlineData("round(-2.5)", -3.0)]
    [InlineData("floor(2.7)", 2.0)]
    [InlineData("ceiling(2.1)", 3.0)]
    [InlineData("floor(7)", 7L)]
    public void Date_and_math_functions(string expression, object expected)
    {
        var entity = new FakeEntity(new Dictionary<string, object?> { ["t"] = new DateTimeOffset(2026, 12, 1, 8, 30, 15, 250, TimeSpan.FromHours(2)) });

        Assert.Equal(expected, Evaluate(expression, entity));
    }

    [Fact]
    public void Date_and_time_split_an_instant()
    {
        var entity = new FakeEntity(new Dictionary<string, object?> { ["t"] = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.FromHours(-5)) });

        Assert.True(Matches("date(t) eq 2026-12-01", entity));
        Assert.True(Matches("time(t) eq 23:30:00", entity));
        Assert.True(Matches("time(t) gt 12:00", entity));
    }

    [Fact]
    public void Now_min_and_max_datetime()
    {
        var clock = new SettableClock { Now = Noon };

        Assert.Equal(Noon, FilterEvaluator.Evaluate(Parse("now()"), Reading, clock));
        Assert.True(FilterEvaluator.Matches(Parse("phenomenonTime ge now() sub duration'PT1H'"), Reading, clock));
        clock.Now += TimeSpan.FromHours(2);
        Assert.False(FilterEvaluator.Matches(Parse("phenomenonTime ge now() sub duration'PT1H'"), Reading, clock));
        Assert.Equal(DateTimeOffset.MinValue, Evaluate("mindatetime()", Reading));
        Assert.Equal(DateTimeOffset.MaxValue, Evaluate("maxdatetime()", Reading));
        Assert.True(Matches("phenomenonTime gt mindatetime() and phenomenonTime lt maxdatetime()", Reading));
    }

    [Fact]
    public void Functions_on_the_wrong_types_are_null()
    {
        foreach (var expression in new[] { "year(name)", "length(result)", "round('x')", "geo.length(name)", "st_within(name, result)", "substring(name, 'a')" })
        {
            Assert.Null(Evaluate(expression, Thing));
        }
    }

    [Fact]
    public void Time_arithmetic_with_durations()
    {
        Assert.Equal(Noon.AddDays(1), Evaluate("phenomenonTime add duration'P1D'", Reading));
        Assert.Equal(Noon.AddMinutes(-90), Evaluate("phenomenonTime sub duration'PT1H30M'", Reading));
        Assert.Equal(TimeSpan.FromHours(12), Evaluate("phenomenonTime sub 2026-12-01T00:00:00Z", Reading));
        Assert.True(Matches("phenomenonTime sub 2026-12-01T00:00:00Z gt duration'PT11H'", Reading));
    }

    [Fact]
    public void A_time_kept_as_text_compares_as_a_time()
    {
        var entity = new FakeEntity(new Dictionary<string, object?> { ["properties"] = Json("""{"installed":"2026-03-01T00:00:00Z"}""") });

        Assert.True(Matches("properties/installed lt 2026-06-01T00:00:00Z", entity));
        Assert.False(Matches("properties/installed gt 2026-06-01T00:00:00Z", entity));
    }

    [Fact]
    public void Other_clr_numbers_from_an_entity_are_widened()
    {
        var entity = new FakeEntity(new Dictionary<string, object?> { ["a"] = 3, ["b"] = 2.5f, ["c"] = 1.25m });

        Assert.True(Matches("a eq 3 and b eq 2.5 and c eq 1.25", entity));
    }

    [Fact]
    public void A_long_and_deep_expression_evaluates_without_overflowing_the_stack()
    {
        var chain = "result" + string.Concat(Enumerable.Repeat(" add 1", 1_600)) + " gt 0";

        Assert.True(Matches(chain, Reading));
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
