using CityBrain.SensorThings.Query;
using static CityBrain.SensorThings.Tests.Query.Filters;

namespace CityBrain.SensorThings.Tests.Query;

public sealed class ExpressionPathsTests
{
    [Fact]
    public void Every_distinct_path_in_order_of_first_use()
    {
        var paths = ExpressionPaths.Of(Parse(
            "result gt 5 and (not startswith(Datastream/ObservedProperty/name, 'pm') or -result lt properties/limit) and result ne null"));

        Assert.Equal(
            [["result"], ["Datastream", "ObservedProperty", "name"], ["properties", "limit"]],
            paths.Select(p => p.ToArray()).ToArray());
    }

    [Fact]
    public void A_literal_has_no_paths() => Assert.Empty(ExpressionPaths.Of(Parse("1 add 2 eq 3")));
}
