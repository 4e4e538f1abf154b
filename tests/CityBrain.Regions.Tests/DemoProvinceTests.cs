using System.Text.Json;
using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace CityBrain.Regions.Tests;

/// <summary>The province the demo ships, loaded once for the class: its shape rules and the maps the page gets.</summary>
public sealed class DemoProvinceTests(DemoProvinceTests.Province province) : IClassFixture<DemoProvinceTests.Province>
{
    public sealed class Province
    {
        public LoadedRegions Loaded { get; } = RegionFile.Load(Path.Combine(AppContext.BaseDirectory, "regions", "demo-province.json"));
    }

    private RegionTree Tree => province.Loaded.Tree;

    private RegionBoundaries Boundaries => province.Loaded.Boundaries;

    private IEnumerable<RegionNode> NonLeaves => RegionTree.Walk(Tree.Root).Where(n => !n.IsLeaf);

    [Fact]
    public void The_demo_province_has_five_cities_of_ten_to_fourteen_districts_in_eastern_china()
    {
        Assert.Equal("province", Tree.Root.Level);
        Assert.Equal(5, Tree.Root.Children.Count);
        Assert.All(Tree.Root.Children, city => Assert.InRange(city.Children.Count, 10, 14));
        Assert.All(Tree.Leaves, d => Assert.True(NoiseZones.IsValid(d.NoiseZone)));
        Assert.True(Boundaries.TryGet(Tree.Root.Id, out var shape));
        Assert.True(new Envelope(117, 122, 28, 32).Contains(shape.EnvelopeInternal));
        Assert.InRange(Tree.Leaves.Select(d => d.NoiseZone).Distinct().Count(), 5, 6);
    }

    [Fact]
    public void Every_map_is_a_feature_collection_of_valid_shapes_one_per_child()
    {
        Assert.All(NonLeaves, node =>
        {
            var map = MapJson.Parse(Boundaries.MapOf(node.Id));
            Assert.Equal("FeatureCollection", map.GetProperty("type").GetString());
            Assert.Equal(4, map.GetProperty("bbox").GetArrayLength());
            var features = map.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(node.Children.Select(c => c.Id), features.Select(f => f.GetProperty("properties").GetProperty("id").GetString()));
            Assert.All(features, f =>
            {
                var properties = f.GetProperty("properties");
                foreach (var name in (string[])["name", "nameZh", "level", "code", "noiseZone", "position", "leaf"]) Assert.True(properties.TryGetProperty(name, out _), name);
                Assert.True(Shape(f).IsValid);
            });
        });
    }

    [Fact]
    public void Maps_stay_small_and_have_fewer_vertices_than_the_files()
    {
        Assert.All(NonLeaves, node =>
        {
            Assert.InRange(Boundaries.MapOf(node.Id).Length, 1, 200 * 1024);
            var full = node.Children.Sum(c => Boundaries.TryGet(c.Id, out var g) ? g.NumPoints : 0);
            var simplified = MapJson.Features(Boundaries.MapOf(node.Id)).Sum(f => Shape(f).NumPoints);
            Assert.True(simplified < full * 0.7, $"{node.Id}: {simplified} of {full} vertices");
        });
    }

    [Fact]
    public void Every_level_of_the_demo_is_an_exact_coverage_so_its_maps_are_simplified_together()
    {
        Assert.All(NonLeaves, node =>
            Assert.True(CoverageValidator.IsValid([.. node.Children.Select(c => Boundaries.TryGet(c.Id, out var g) ? g : throw new KeyNotFoundException(c.Id))]), node.Id));
    }

    [Fact]
    public void Simplified_neighbours_neither_overlap_nor_open_gaps()
    {
        Assert.All(NonLeaves, node =>
        {
            var shapes = MapJson.Features(Boundaries.MapOf(node.Id)).Select(Shape).ToList();
            var total = shapes.Sum(s => s.Area);
            var union = OverlayNGRobust.Union(shapes.ToArray()[0].Factory.BuildGeometry(shapes));
            Assert.Equal(total, union.Area, total * 1e-6);
            Assert.True(Boundaries.TryGet(node.Id, out var full));
            var gap = OverlayNGRobust.Overlay(full, union, SpatialFunction.Difference).Area;
            Assert.True(gap < full.Area * 0.005, $"{node.Id}: {gap / full.Area:P2} of the region is in no simplified child");
        });
    }

    [Fact]
    public void A_leafs_map_is_the_leaf_itself_and_every_region_has_an_outline()
    {
        var leaf = Tree.Leaves[0];
        Assert.Equal(leaf.Id, MapJson.Features(Boundaries.MapOf(leaf.Id)).Single().GetProperty("properties").GetProperty("id").GetString());
        Assert.All(RegionTree.Walk(Tree.Root), node =>
        {
            var outline = MapJson.Parse(Boundaries.OutlineOf(node.Id));
            Assert.Equal(("Feature", node.Id), (outline.GetProperty("type").GetString(), outline.GetProperty("id").GetString()));
            Assert.True(Shape(outline).IsValid);
        });
        Assert.True(Boundaries.MapOf("nowhere").IsEmpty);
    }

    private static Geometry Shape(JsonElement feature) => ShapeReader.Geometry(feature.GetProperty("geometry"), "map", "feature");
}
