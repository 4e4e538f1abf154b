using CityBrain.SensorThings.Query;
using NetTopologySuite.Geometries;
using static CityBrain.SensorThings.Tests.Query.Filters;

namespace CityBrain.SensorThings.Tests.Query;

public sealed class GeoFunctionTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private static FakeEntity Located(Geometry location) => new(new Dictionary<string, object?> { ["location"] = location });

    private static readonly FakeEntity Inside = Located(Wgs84.CreatePoint(new Coordinate(8.5, 47.5)));

    private static readonly FakeEntity Outside = Located(Wgs84.CreatePoint(new Coordinate(9.5, 47.5)));

    private static readonly FakeEntity Road = Located(Wgs84.CreateLineString([new Coordinate(7.5, 47.5), new Coordinate(8.5, 47.5)]));

    private const string Square = "geography'POLYGON((8 47, 9 47, 9 48, 8 48, 8 47))'";

    [Theory]
    [InlineData("st_within(location, " + Square + ")", true, false)]
    [InlineData("st_contains(" + Square + ", location)", true, false)]
    [InlineData("st_intersects(location, " + Square + ")", true, false)]
    [InlineData("geo.intersects(location, " + Square + ")", true, false)]
    [InlineData("st_disjoint(location, " + Square + ")", false, true)]
    [InlineData("st_equals(location, geography'POINT(8.5 47.5)')", true, false)]
    [InlineData("location eq geography'POINT(8.5 47.5)'", true, false)]
    [InlineData("st_relate(location, " + Square + ", 'T********')", true, false)]
    [InlineData("geo.distance(location, geography'POINT(8.5 47.5)') lt 0.5", true, false)]
    [InlineData("geo.distance(location, geography'POINT(8.5 47.5)') eq 1", false, true)]
    public void Point_predicates_against_a_polygon(string filter, bool inside, bool outside)
    {
        Assert.Equal(inside, Matches(filter, Inside));
        Assert.Equal(outside, Matches(filter, Outside));
    }

    [Fact]
    public void Line_predicates_and_length()
    {
        Assert.True(Matches("st_crosses(location, " + Square + ")", Road));
        Assert.False(Matches("st_within(location, " + Square + ")", Road));
        Assert.True(Matches("st_touches(location, geography'POINT(7.5 47.5)')", Road));
        Assert.True(Matches("st_overlaps(" + Square + ", geography'POLYGON((8.5 47, 9.5 47, 9.5 48, 8.5 48, 8.5 47))')", Road));
        Assert.Equal(1.0, Assert.IsType<double>(Evaluate("geo.length(location)", Road)), 9);
        Assert.Equal(5.0, Assert.IsType<double>(Evaluate("geo.length(geography'LINESTRING(0 0, 3 4)')", Road)), 9);
    }

    [Fact]
    public void A_bad_pattern_or_an_invalid_geometry_is_null_rather_than_an_error()
    {
        var bowtie = Located(Wgs84.CreatePolygon([new(0, 0), new(2, 2), new(2, 0), new(0, 2), new(0, 0)]));

        Assert.Null(Evaluate("st_relate(location, " + Square + ", 'nonsense')", Inside));
        Assert.False(Matches("st_relate(location, " + Square + ", 'nonsense')", Inside));
        Assert.Null(Evaluate("st_overlaps(location, geography'POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))')", bowtie));
        Assert.False(Matches("st_overlaps(location, geography'POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))')", bowtie));
    }
}
