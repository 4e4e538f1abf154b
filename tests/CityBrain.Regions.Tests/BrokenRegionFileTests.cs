using static CityBrain.Regions.Tests.RegionFolder;

namespace CityBrain.Regions.Tests;

/// <summary>Each broken file gives one sentence naming the file and the region or feature at fault.</summary>
public sealed class BrokenRegionFileTests : IDisposable
{
    private readonly RegionFolder _folder = new();
    private readonly string _province;

    public BrokenRegionFileTests() => _province = ProvinceFixture.WriteTo(_folder);

    public void Dispose() => _folder.Dispose();

    private string Problem(string file)
    {
        var ex = Assert.Throws<RegionFileException>(() => RegionFile.Load(_province));
        Assert.EndsWith(file, ex.FilePath);
        Assert.StartsWith($"Region file '{ex.FilePath}' cannot be used: ", ex.Message);
        Assert.EndsWith(".", ex.Message);
        return ex.Message;
    }

    /// <summary>Replaces text in one of the province's files.</summary>
    private void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(Path.Combine(Path.GetDirectoryName(_province)!, file));
        Assert.Contains(from, text);
        _folder.Write(file, text.Replace(from, to));
    }

    private void WestDistricts(params string[] features) => _folder.Write("west.geojson", Collection(features));

    private static string West(string properties) => $"\"id\": \"west-a\", \"name\": \"西甲区\", \"noiseZone\": \"1\"{properties}";

    private static string WestB => Feature("\"id\": \"west-b\", \"name\": \"西乙区\"", Box(120.5, 30, 121, 31));

    [Fact]
    public void An_invalid_id_is_named()
    {
        WestDistricts(Feature("\"id\": \"West A\", \"name\": \"西甲区\"", Box(120, 30, 120.5, 31)), WestB);
        Assert.Contains("region id 'West A' is not a valid id", Problem("west.geojson"));
    }

    [Fact]
    public void An_id_used_twice_anywhere_in_the_tree_is_named()
    {
        WestDistricts(Feature(West(""), Box(120, 30, 120.5, 31)), Feature("\"id\": \"east-a\", \"name\": \"西乙区\"", Box(120.5, 30, 121, 31)));
        Assert.Contains("region id 'east-a' is used twice", Problem("east.json"));
    }

    [Fact]
    public void A_leaf_without_a_noise_zone_is_named()
    {
        Edit("east/east.json", "\"noiseZone\": \"4a\"", "");
        Assert.Contains("leaf region 'east-a' has no noise zone", Problem("east.json"));
    }

    [Fact]
    public void A_noise_zone_outside_gb_3096_is_named()
    {
        WestDistricts(Feature("\"id\": \"west-a\", \"name\": \"西甲区\", \"noiseZone\": \"5\"", Box(120, 30, 120.5, 31)), WestB);
        Assert.Contains("feature 'west-a' has noise zone '5'", Problem("west.geojson"));
    }

    [Fact]
    public void A_position_out_of_range_is_named()
    {
        Edit("east/east.json", "[121.7, 30.6]", "[30.6, 121.7]");
        Assert.Contains("region 'east-b' has a position that is not [longitude, latitude]", Problem("east.json"));
    }

    [Fact]
    public void An_open_ring_is_named_with_its_ends()
    {
        WestDistricts(Feature(West(""), (120, 30), (120.5, 30), (120.5, 31), (120, 31)), WestB);
        Assert.Contains("feature 'west-a' has a ring that is not closed: it starts at 120,30 and ends at 120,31", Problem("west.geojson"));
    }

    [Fact]
    public void A_ring_of_too_few_points_is_named()
    {
        WestDistricts(Feature(West(""), (120, 30), (120.5, 30), (120, 30)), WestB);
        Assert.Contains("feature 'west-a' has a ring of 3 points", Problem("west.geojson"));
    }

    [Fact]
    public void A_self_intersecting_ring_is_named_with_where_it_crosses()
    {
        WestDistricts(Feature(West(""), (120, 30), (120.5, 31), (120.5, 30), (120, 31), (120, 30)), WestB);
        Assert.Contains("feature 'west-a' is not a valid shape: self-intersection at 120.25,30.5", Problem("west.geojson"));
    }

    [Fact]
    public void A_geometry_other_than_a_polygon_is_named()
    {
        WestDistricts("""{ "type": "Feature", "properties": { "id": "west-a" }, "geometry": { "type": "LineString", "coordinates": [[120, 30], [121, 31]] } }""", WestB);
        Assert.Contains("feature 'west-a' is a LineString; only Polygon and MultiPolygon bound a region", Problem("west.geojson"));
    }

    [Fact]
    public void A_feature_that_matches_no_child_is_named()
    {
        _folder.Write("east/east.geojson", Collection(
            Feature("\"adcode\": 390201", Box(121, 30, 121.5, 31)),
            Feature("\"name\": \"东丙区\"", Box(121.5, 30, 122, 31))));
        Assert.Contains("feature '东丙区' matches no child of 'east'", Problem("east.geojson"));
    }

    [Fact]
    public void A_child_without_a_feature_is_named()
    {
        _folder.Write("east/east.geojson", Collection(Feature("\"adcode\": 390201", Box(121, 30, 122, 31))));
        Assert.Contains("region 'east-b' has no feature in the boundaries of 'east'", Problem("east.geojson"));
    }

    [Fact]
    public void A_child_reaching_out_of_its_parent_beyond_the_tolerance_is_named()
    {
        WestDistricts(Feature(West(""), Box(119.9, 30, 120.5, 31)), WestB);
        Assert.Contains("region 'west-a' lies 16.67 % outside its parent 'west' (the tolerance is 1 %)", Problem("west.geojson"));
    }

    [Fact]
    public void A_child_within_the_tolerance_of_its_parent_is_accepted()
    {
        WestDistricts(Feature(West(""), Box(119.996, 30, 120.5, 31)), WestB);
        Assert.True(RegionFile.Load(_province).Tree.Contains("west-a"));
    }

    [Fact]
    public void Siblings_overlapping_beyond_the_tolerance_are_named_both()
    {
        WestDistricts(Feature(West(""), Box(120, 30, 120.6, 31)), WestB);
        Assert.Contains("regions 'west-a' and 'west-b' overlap by 20 % of the smaller (the tolerance is 0.5 %)", Problem("west.geojson"));
    }

    [Fact]
    public void A_missing_include_names_its_path()
    {
        File.Delete(Path.Combine(Path.GetDirectoryName(_province)!, "east", "east.json"));
        Assert.Contains("the file included by", Problem(Path.Combine("east", "east.json")));
    }

    [Fact]
    public void A_missing_boundaries_file_names_its_path()
    {
        File.Delete(Path.Combine(Path.GetDirectoryName(_province)!, "west.geojson"));
        Assert.Contains("the boundaries file does not exist", Problem("west.geojson"));
    }

    [Fact]
    public void A_boundaries_file_that_is_not_json_names_its_path()
    {
        _folder.Write("west.geojson", "{ \"type\": \"FeatureCollection\", \"features\": [ ");
        Assert.Contains("the boundaries file is not valid JSON", Problem("west.geojson"));
    }

    [Fact]
    public void An_unknown_time_zone_is_named()
    {
        Edit("province.json", "Asia/Shanghai", "China Standard Time");
        Assert.Contains("time zone 'China Standard Time' is unknown", Problem("province.json"));
    }
}
