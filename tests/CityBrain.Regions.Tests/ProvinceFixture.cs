using static CityBrain.Regions.Tests.RegionFolder;

namespace CityBrain.Regions.Tests;

/// <summary>A small, valid province written the ways a bureau may write one: cities matched to the province's
/// boundaries by administrative code; one city whose districts are created from its features, one included from its
/// own file whose hand-listed districts are matched by code and by name. Each test may overwrite one file to break it.</summary>
internal static class ProvinceFixture
{
    public static string WriteTo(RegionFolder folder)
    {
        folder.Write("cities.geojson", Collection(
            Feature("\"adcode\": 390100, \"name\": \"西市\"", Box(120, 30, 121, 31)),
            Feature("\"adcode\": \"390200\", \"name\": \"东市\"", Box(121, 30, 122, 31))));
        folder.Write("west.geojson", Collection(
            Feature("\"id\": \"west-a\", \"name\": \"西甲区\", \"name_en\": \"West A\", \"noiseZone\": \"1\"", Box(120, 30, 120.5, 31)),
            Feature("\"adcode\": 390102, \"name\": \"西乙区\", \"name_en\": \"West B\"", Box(120.5, 30, 121, 31))));
        folder.Write("east/east.geojson", Collection(
            Feature("\"adcode\": 390201, \"name\": \"East A\"", Box(121, 30, 121.5, 31)),
            Feature("\"NAME\": \"东乙区\"", Box(121.5, 30, 122, 31))));
        folder.Write("east/east.json", """
            {
              // The east city keeps its own file, its districts listed by hand.
              "id": "east", "name": "East", "nameZh": "东市", "level": "city", "code": "390200",
              "boundaries": "east.geojson",
              "children": [
                { "id": "east-a", "name": "East A", "nameZh": "东甲区", "level": "district", "code": "390201", "noiseZone": "4a" },
                { "id": "east-b", "name": "East B", "nameZh": "东乙区", "level": "district", "noiseZone": "2", "position": [121.7, 30.6] },
              ],
            }
            """);
        return folder.Write("province.json", """
            {
              "id": "province", "name": "Province", "nameZh": "省", "level": "province", "code": "390000",
              "timeZone": "Asia/Shanghai",
              "boundaries": "cities.geojson",
              "children": [
                { "id": "west", "name": "West", "nameZh": "西市", "level": "city", "code": "390100",
                  "boundaries": "west.geojson", "childLevel": "district", "defaultNoiseZone": "3" },
                { "include": "east/east.json" },
              ],
            }
            """);
    }
}
