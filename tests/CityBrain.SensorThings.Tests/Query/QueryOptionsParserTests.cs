using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Tests.Query;

public sealed class QueryOptionsParserTests
{
    private static QueryOptions Parse(params (string Key, string? Value)[] query)
    {
        Assert.True(QueryOptionsParser.TryParse(Pairs(query), out var options, out var error), error);
        return options;
    }

    private static string Refusal(params (string Key, string? Value)[] query)
    {
        Assert.False(QueryOptionsParser.TryParse(Pairs(query), out var options, out var error));
        Assert.Same(QueryOptions.None, options);
        Assert.EndsWith(".", error);
        return error;
    }

    private static KeyValuePair<string, string?>[] Pairs((string Key, string? Value)[] query) =>
        [.. query.Select(p => KeyValuePair.Create(p.Key, p.Value))];

    [Fact]
    public void No_options_give_the_empty_options_and_other_parameters_are_ignored()
    {
        var options = Parse(("format", "json"), ("page", "2"));

        Assert.Null(options.Filter);
        Assert.Empty(options.OrderBy);
        Assert.Null(options.Select);
        Assert.Empty(options.Expand);
        Assert.Equal((null, null, null), (options.Top, options.Skip, options.Count));
    }

    [Fact]
    public void Filter_alone() => Assert.Equal("(result gt 5)", Filters.Show(Parse(("$filter", "result gt 5")).Filter!));

    [Fact]
    public void Top_skip_and_count_alone()
    {
        Assert.Equal(7, Parse(("$top", "7")).Top);
        Assert.Equal(0, Parse(("$top", "0")).Top);
        Assert.Equal(20, Parse(("$skip", "20")).Skip);
        Assert.True(Parse(("$count", "true")).Count);
        Assert.False(Parse(("$count", "false")).Count);
    }

    [Fact]
    public void Orderby_takes_expressions_with_optional_directions()
    {
        var orderBy = Parse(("$orderby", "phenomenonTime desc, result,name asc, year(resultTime) desc")).OrderBy;

        Assert.Equal(
            ["phenomenonTime desc", "result asc", "name asc", "year(resultTime) desc"],
            orderBy.Select(o => $"{Filters.Show(o.Expression)} {(o.Descending ? "desc" : "asc")}"));
    }

    [Fact]
    public void Select_lists_properties_and_navigation_names() =>
        Assert.Equal(["id", "name", "Datastreams", "@iot.id"], Parse(("$select", "id, name,Datastreams,@iot.id")).Select);

    [Fact]
    public void Expand_reads_paths_and_nested_options_to_any_depth()
    {
        var expand = Parse((
            "$expand",
            "Datastreams/Observations($top=3;$orderby=phenomenonTime desc;$filter=result gt 5 and substringof('a,b;(c)', name)),"
            + "Locations,Thing($select=name;$expand=Datastreams($count=true;$expand=Sensor($select=name,metadata)))")).Expand;

        Assert.Equal(3, expand.Count);
        Assert.Equal(["Datastreams", "Observations"], expand[0].Path);
        Assert.Equal(3, expand[0].Options.Top);
        Assert.True(expand[0].Options.OrderBy.Single().Descending);
        Assert.IsType<BinaryExpression>(expand[0].Options.Filter);
        Assert.Equal(["Locations"], expand[1].Path);
        Assert.Same(QueryOptions.None, expand[1].Options);
        var thing = expand[2];
        Assert.Equal(["name"], thing.Options.Select);
        var datastreams = Assert.Single(thing.Options.Expand);
        Assert.True(datastreams.Options.Count);
        var sensor = Assert.Single(datastreams.Options.Expand);
        Assert.Equal(["Sensor"], sensor.Path);
        Assert.Equal(["name", "metadata"], sensor.Options.Select);
    }

    [Fact]
    public void All_options_combined()
    {
        var options = Parse(
            ("$filter", "Datastream/ObservedProperty/name eq 'pm2_5'"),
            ("$orderby", "phenomenonTime desc"),
            ("$select", "result,phenomenonTime"),
            ("$expand", "FeatureOfInterest($select=name)"),
            ("$top", "10"),
            ("$skip", "30"),
            ("$count", "true"),
            ("unrelated", "x"));

        Assert.NotNull(options.Filter);
        Assert.Single(options.OrderBy);
        Assert.Equal(["result", "phenomenonTime"], options.Select);
        Assert.Equal(["name"], Assert.Single(options.Expand).Options.Select);
        Assert.Equal((10, 30, true), (options.Top, options.Skip, options.Count));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("+3")]
    [InlineData(" 3")]
    public void Top_must_be_a_non_negative_integer(string top) =>
        Assert.Equal($"$top must be a non-negative integer, not '{top}'.", Refusal(("$top", top)));

    [Fact]
    public void An_absurdly_large_skip_is_refused() =>
        Assert.Equal("$skip must be at most 2147483647, not 99999999999999999999.", Refusal(("$skip", "99999999999999999999")));

    [Fact]
    public void Count_must_be_true_or_false() =>
        Assert.Equal("$count must be true or false, not 'yes'.", Refusal(("$count", "yes")));

    [Fact]
    public void A_repeated_option_is_refused() =>
        Assert.Equal("$top is given more than once.", Refusal(("$top", "1"), ("$top", "2")));

    [Fact]
    public void An_unknown_dollar_option_is_refused() =>
        Assert.StartsWith("'$format' is not a SensorThings query option", Refusal(("$format", "json")));

    [Fact]
    public void An_empty_option_is_refused() =>
        Assert.Equal("$filter has no value.", Refusal(("$filter", "")));

    [Fact]
    public void A_filter_syntax_error_names_the_option_and_the_character() =>
        Assert.Equal(
            "$filter is not valid at character 9: expected a value, a property or a function, found the operator 'and'.",
            Refusal(("$filter", "name eq and")));

    [Fact]
    public void An_orderby_with_a_bad_direction_is_refused() =>
        Assert.Equal(
            "$orderby is not valid at character 8: expected an operator or the end, found 'upward'.",
            Refusal(("$orderby", "result upward")));

    [Fact]
    public void A_select_with_an_empty_item_is_refused() =>
        Assert.Equal("$select has an empty item (item 2).", Refusal(("$select", "name,,id")));

    [Fact]
    public void A_select_item_must_be_a_name()
    {
        Assert.Equal("$select item 'name eq 1' is not a property or navigation name.", Refusal(("$select", "name eq 1")));
        Assert.Equal("$select item '$filter' is not a property or navigation name.", Refusal(("$select", "$filter")));
    }

    [Fact]
    public void Errors_inside_an_expand_name_the_item()
    {
        Assert.Equal(
            "$expand item 'Datastreams': $top must be a non-negative integer, not 'x'.",
            Refusal(("$expand", "Datastreams($top=x)")));
        Assert.Equal(
            "$expand item 'Datastreams': $expand item 'Observations': $filter is not valid at its end: expected a value, a property or a function, found the end of the text.",
            Refusal(("$expand", "Datastreams($expand=Observations($filter=result gt))")));
        Assert.Equal(
            "$expand item 'Datastreams': '$bogus' is not a SensorThings query option (the options are $filter, $orderby, $select, $expand, $top, $skip, $count).",
            Refusal(("$expand", "Datastreams($bogus=1)")));
        Assert.Equal(
            "$expand item 'Datastreams': $top is given more than once.",
            Refusal(("$expand", "Datastreams($top=1;$top=2)")));
        Assert.Equal(
            "$expand item 'Datastreams': 'top=1' is not a query option of the form $name=value.",
            Refusal(("$expand", "Datastreams(top=1)")));
    }

    [Fact]
    public void Malformed_expands_are_refused()
    {
        Assert.Equal("$expand has an unclosed '('.", Refusal(("$expand", "Datastreams($top=1")));
        Assert.Equal("$expand has a ')' without a matching '(' at character 12.", Refusal(("$expand", "Datastreams)")));
        Assert.Equal("$expand has an unclosed quote.", Refusal(("$expand", "Datastreams($filter=name eq 'x)")));
        Assert.Equal(
            "$expand item '' at character 13 does not start with a navigation path such as Datastreams/Observations.",
            Refusal(("$expand", "Datastreams,,Thing")));
        Assert.Equal(
            "$expand item 'Thing': the options must end with ')' and nothing may follow it.",
            Refusal(("$expand", "Thing($top=1)x")));
    }

    [Fact]
    public void Expand_nesting_is_limited()
    {
        var text = string.Concat(Enumerable.Repeat("A($expand=", QueryOptionsParser.MaxExpandDepth)) + "A" + new string(')', QueryOptionsParser.MaxExpandDepth);
        var shallower = string.Concat(Enumerable.Repeat("A($expand=", QueryOptionsParser.MaxExpandDepth - 1)) + "A" + new string(')', QueryOptionsParser.MaxExpandDepth - 1);

        Assert.EndsWith($"$expand nests deeper than {QueryOptionsParser.MaxExpandDepth} levels.", Refusal(("$expand", text)));
        Assert.Single(Parse(("$expand", shallower)).Expand);
    }

    [Fact]
    public void An_overlong_option_is_refused() =>
        Assert.Equal(
            $"$filter is longer than {QueryOptionsParser.MaxOptionLength} characters.",
            Refusal(("$filter", new string('a', QueryOptionsParser.MaxOptionLength + 1))));
}
