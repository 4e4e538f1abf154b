using NetTopologySuite.Geometries;

namespace CityBrain.Regions.Tests;

public sealed class RegionFileTests : IDisposable
{
    private readonly RegionFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_province_file_gives_the_tree_with_included_cities_and_created_districts()
    {
        var loaded = RegionFile.Load(ProvinceFixture.WriteTo(_folder));

        var tree = loaded.Tree;
        Assert.Equal("Asia/Shanghai", tree.TimeZone);
        Assert.Equal(["province", "west", "east", "west-a", "a390102", "east-a", "east-b"], RegionTree.Walk(tree.Root).Select(n => n.Id));
        Assert.Equal(["province", "east", "east-b"], tree.PathTo("east-b").Select(n => n.Id));
        Assert.True(tree.TryFind("a390102", out var created));
        Assert.Equal(("West B", "西乙区", "district", "390102", "3", true),
            (created.Name, created.NameZh, created.Level, created.Code, created.NoiseZone, created.IsLeaf));
        Assert.Equal("1", tree.Leaves[0].NoiseZone);
        Assert.Null(tree.Root.NoiseZone);
    }

    [Fact]
    public void Features_are_matched_by_id_then_administrative_code_then_name()
    {
        var loaded = RegionFile.Load(ProvinceFixture.WriteTo(_folder));

        Assert.True(loaded.Boundaries.TryGet("east-a", out var byCode));
        Assert.Equal(121.25, byCode.Centroid.X, 6);
        Assert.True(loaded.Boundaries.TryGet("east-b", out var byName));
        Assert.Equal(121.75, byName.Centroid.X, 6);
        Assert.True(loaded.Boundaries.TryGet("west", out var cityByNumericCode));
        Assert.Equal(120.5, cityByNumericCode.Centroid.X, 6);
    }

    [Fact]
    public void Positions_are_kept_where_given_and_computed_inside_the_shape_where_not()
    {
        var tree = RegionFile.Load(ProvinceFixture.WriteTo(_folder)).Tree;

        Assert.True(tree.TryFind("east-b", out var given));
        Assert.Equal([121.7, 30.6], given.Position);
        Assert.True(tree.TryFind("west-a", out var computed));
        Assert.InRange(computed.Position[0], 120, 120.5);
        Assert.InRange(computed.Position[1], 30, 31);
    }

    [Fact]
    public void A_region_without_boundaries_of_its_own_is_the_union_of_its_children()
    {
        _folder.Write("a.geojson", RegionFolder.Collection(
            RegionFolder.Feature("\"id\": \"a1\", \"name\": \"A1\", \"noiseZone\": \"1\"", RegionFolder.Box(120, 30, 120.5, 30.5)),
            RegionFolder.Feature("\"id\": \"a2\", \"name\": \"A2\", \"noiseZone\": \"2\"", RegionFolder.Box(120.5, 30, 121, 30.5))));
        var path = _folder.Write("root.json", """
            { "id": "root", "name": "Root", "nameZh": "根", "level": "province", "timeZone": "Asia/Shanghai",
              "children": [ { "id": "a", "name": "A", "nameZh": "甲", "level": "city", "boundaries": "a.geojson" } ] }
            """);

        var loaded = RegionFile.Load(path);

        Assert.True(loaded.Boundaries.TryGet("a", out var city));
        Assert.Equal(0.5, city.Area, 9);
        Assert.True(loaded.Boundaries.TryGet("root", out var root));
        Assert.Equal(0.5, root.Area, 9);
    }

    [Fact]
    public void Todays_demo_city_file_loads_unchanged_as_a_city_of_districts()
    {
        var loaded = RegionFile.Load(Path.Combine(AppContext.BaseDirectory, "cities", "demo-city.json"));

        var root = loaded.Tree.Root;
        Assert.Equal(("demo-city", "city", "示范市"), (root.Id, root.Level, root.NameZh));
        Assert.Equal(12, root.Children.Count);
        Assert.All(root.Children, d => Assert.Equal("district", d.Level));
        Assert.True(loaded.Tree.TryFind("tongzhou", out var tongzhou));
        Assert.Equal(("4a", 116.7116, 39.9206), (tongzhou.NoiseZone, tongzhou.Position[0], tongzhou.Position[1]));
        Assert.True(loaded.Boundaries.TryGet("demo-city", out var city));
        Assert.Equal(new Envelope(115.95, 116.83, 39.65, 40.19), city.EnvelopeInternal);
    }

    [Fact]
    public void A_legacy_district_known_only_by_its_position_is_drawn_as_a_point()
    {
        var path = _folder.Write("city.json", """
            { "id": "c", "name": "C", "nameZh": "丙市", "timeZone": "Asia/Shanghai",
              "districts": [ { "id": "d", "name": "D", "nameZh": "丁区", "noiseZone": "2", "position": [116.4, 39.9] } ] }
            """);

        var loaded = RegionFile.Load(path);

        Assert.False(loaded.Boundaries.TryGet("d", out _));
        var feature = MapJson.Features(loaded.Boundaries.MapOf("c")).Single();
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([116.4, 39.9], Assert.IsType<RegionNode>(loaded.Tree.Root.Children[0]).Position);
    }
}
