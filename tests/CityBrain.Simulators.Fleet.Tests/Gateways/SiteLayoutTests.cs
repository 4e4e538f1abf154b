using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Tests.Support;
using NetTopologySuite.Geometries;

namespace CityBrain.Simulators.Fleet.Tests.Gateways;

public class SiteLayoutTests
{
    /// <summary>An L-shaped district: its bounding box is a quarter empty, so a draw there must be drawn again.</summary>
    private static readonly Polygon LShape = new GeometryFactory().CreatePolygon(
        [new(116.0, 39.0), new(116.2, 39.0), new(116.2, 39.1), new(116.1, 39.1), new(116.1, 39.2), new(116.0, 39.2), new(116.0, 39.0)]);

    [Fact]
    public void Gateways_of_a_district_with_an_outline_stand_inside_it_named_after_it_the_same_in_every_run()
    {
        var city = TestCity.FourCharacters();
        city = city with { Districts = [city.Districts[0] with { Name = "住宅区", Outline = LShape, Gateways = 40 }, .. city.Districts.Skip(1)] };

        var sites = FleetPlan.Sites(city).Where(s => s.District.Id == "homes").ToList();

        Assert.Equal(40, sites.Count);
        Assert.All(sites, s => Assert.True(LShape.Contains(new Point(s.Site!.Longitude!.Value, s.Site.Latitude!.Value)), $"{s.DeviceId} at {s.Site}"));
        Assert.Equal("住宅区 07", sites[6].Site!.Name);
        Assert.Equal(40, sites.Select(s => (s.Site!.Latitude, s.Site.Longitude)).Distinct().Count());
        Assert.Equal(sites.Select(s => s.Site), FleetPlan.Sites(city).Where(s => s.District.Id == "homes").Select(s => s.Site));
    }

    [Fact]
    public void Without_an_outline_gateways_stand_near_the_district_s_position_or_have_none()
    {
        var city = TestCity.FourCharacters();
        city = city with { Districts = [city.Districts[0] with { Position = new GeoPosition(116.4, 39.9) }, .. city.Districts.Skip(1)] };

        var sites = FleetPlan.Sites(city);

        Assert.All(sites.Where(s => s.District.Id == "homes"), s =>
        {
            Assert.InRange(s.Site!.Longitude!.Value, 116.38, 116.42);
            Assert.InRange(s.Site.Latitude!.Value, 39.88, 39.92);
        });
        var shop = sites.First(s => s.District.Id == "shops");
        Assert.Equal(new CityBrain.Contracts.Payloads.Site("Shops 01", null, null), shop.Site);
    }
}
