using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Values;
using CityBrain.Simulators.Fleet.Tests.Support;

namespace CityBrain.Simulators.Fleet.Tests.Scenarios;

public class ScenarioReaderTests
{
    private const string Minimal = """{ "districts": [ { "id": "haidian", "character": "residential", "gateways": 3 } ] }""";

    [Fact]
    public void The_demo_city_has_the_host_city_districts_with_characters_and_a_hundred_gateways()
    {
        var city = TestCity.Demo();

        Assert.Equal(
            ["mentougou", "changping", "shunyi", "pinggu", "shijingshan", "haidian", "chaoyang", "tongzhou", "fangshan", "fengtai", "dongcheng", "daxing"],
            city.Districts.Select(d => d.Id));
        Assert.Equal(100, city.TotalGateways);
        Assert.Equal(DistrictCharacter.Park, city.Districts.Single(d => d.Id == "mentougou").Character);
        var parkSensors = city.Districts.Single(d => d.Id == "mentougou").Sensors;
        Assert.NotNull(parkSensors);
        Assert.DoesNotContain(Quantity.So2, parkSensors);
        Assert.Equal(TimeSpan.FromSeconds(10), city.ReportInterval);
        Assert.Equal("fangshan", Assert.Single(city.Episodes).Origin);
    }

    [Fact]
    public void Every_shipped_scenario_is_valid()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.json");

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(ScenarioReader.ReadFile(f).Ok, string.Join("; ", ScenarioReader.ReadFile(f).Errors)));
    }

    [Fact]
    public void Omitted_fields_take_documented_defaults()
    {
        var city = ScenarioReader.Read(Minimal).Scenario!;

        Assert.Equal("Asia/Shanghai", city.TimeZone.Id);
        Assert.Equal(42, city.Seed);
        Assert.Equal(TimeSpan.FromSeconds(10), city.ReportInterval);
        // No sensors listed: each gateway reports what its kind measures; no devices: every gateway is classic.
        Assert.Null(city.Districts[0].Sensors);
        Assert.Same(DeviceMix.AllClassic, city.Districts[0].Mix);
        Assert.Equal(CityScenario.AllSensors, city.Districts[0].SensorsOf(DeviceTypes.Classic));
        Assert.Equal("haidian", city.Districts[0].Name);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var result = ScenarioReader.Read("""
            // a city
            { "districts": [ { "id": "a", "character": "park", "gateways": 1, }, ], }
            """);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("""{ "districts": [] }""", "districts", "at least one district")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "downtown", "gateways": 1 } ] }""", "districts[0].character", "'downtown' is not a district character")]
    [InlineData("""{ "districts": [ { "id": "A B", "character": "park", "gateways": 1 } ] }""", "districts[0].id", "'A B' is not a valid district id")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park" } ] }""", "districts[0].gateways", "is missing")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 0 } ] }""", "districts", "no district has a gateway")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1, "neighbours": ["b"] } ] }""", "districts[0].neighbours[0]", "'b' is not a district of this city")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1, "position": [40, 116] } ] }""", "districts[0].position", "latitude 116 is outside -90..90")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1, "sensors": ["pm25"] } ] }""", "districts[0].sensors[0]", "'pm25' is not a quantity")]
    [InlineData("""{ "reportInterval": "10x", "districts": [ { "id": "a", "character": "park", "gateways": 1 } ] }""", "reportInterval", "'10x' is not a duration")]
    [InlineData("""{ "reportInterval": "1.5s", "districts": [ { "id": "a", "character": "park", "gateways": 1 } ] }""", "reportInterval", "not a whole number of seconds")]
    [InlineData("""{ "timeZone": "Mars/Olympus", "districts": [ { "id": "a", "character": "park", "gateways": 1 } ] }""", "timeZone", "'Mars/Olympus' is not a time zone")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gatways": 1 } ] }""", "districts[0].gatways", "is not a field here")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": "many" } ] }""", "districts[0].gateways", "expected a whole number")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 ]""", "districts[0]", "not valid JSON (line 1)")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "episodes": [ { "origin": "a", "start": "tomorrow", "duration": "1h" } ] }""", "episodes[0].start", "'tomorrow' is not a time")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "episodes": [ { "origin": "a", "start": "+1h", "duration": "1h", "attenuation": 2 } ] }""", "episodes[0].attenuation", "2 is outside")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "faults": [ { "kind": "explode", "share": 1 } ] }""", "faults[0].kind", "'explode' is not a fault")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "faults": [ { "kind": "stuck" } ] }""", "faults[0]", "hits no gateway")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "faults": [ { "kind": "offline", "share": 0.5 } ] }""", "faults[0].duration", "is missing")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "faults": [ { "kind": "clockSkew", "share": 0.5 } ] }""", "faults[0].skew", "is missing")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "faults": [ { "kind": "drift", "share": 0.5, "perHour": 3 } ] }""", "faults[0].perHour", "within -1..1")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "faults": [ { "kind": "corrupt", "share": 0.5, "skew": "+1m" } ] }""", "faults[0].skew", "does not apply to a corrupt fault")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1 } ], "faults": [ { "kind": "corrupt", "share": 1.5 } ] }""", "faults[0].share", "1.5 is outside")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1, "devices": { "sen66": 0.5 } } ] }""", "districts[0].devices.sen66", "'sen66' is not a kind of gateway; use one of classic, modern, classic-sgp41")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1, "devices": { "modern": 1.5 } } ] }""", "districts[0].devices.modern", "1.5 is outside 0..1")]
    [InlineData("""{ "devices": { "modern": 0.7, "classic-sgp41": 0.4 }, "districts": [ { "id": "a", "character": "park", "gateways": 1 } ] }""", "devices", "the shares add up to 1.1")]
    [InlineData("""{ "districts": [ { "id": "a", "character": "park", "gateways": 1, "sensors": ["pm2_5", "pm4"] } ] }""", "districts[0].sensors[1]", "'pm4' is measured by no kind of gateway in a (classic); give the district a share of a kind that measures it: modern")]
    [InlineData("""{ "sensors": ["voc_raw"], "districts": [ { "id": "a", "character": "park", "gateways": 1, "devices": { "classic-sgp41": 0.5 } } ] }""", "sensors", "a classic gateway in a would report none of these quantities")]
    public void A_bad_scenario_is_refused_with_the_field_and_what_is_wrong(string json, string field, string problem)
    {
        var result = ScenarioReader.Read(json);

        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Field == field && e.Problem.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Devices_give_each_district_its_kinds_of_gateway_in_any_order_of_the_file()
    {
        const string json = """
            { "devices": { "modern": 0.2 },
              "districts": [ { "id": "a", "character": "park", "gateways": 40 },
                             { "id": "b", "character": "park", "gateways": 40, "devices": { "modern": 0.5, "classic-sgp41": 0.5 } },
                             { "id": "c", "character": "park", "gateways": 40, "devices": { "classic-sgp41": 0.5, "modern": 0.5 } } ] }
            """;
        var city = ScenarioReader.Read(json).Scenario!;
        var sites = FleetPlan.Sites(city);

        Assert.Equal("modern 20 %, the rest classic", city.Districts[0].Mix.ToString());
        Assert.Equal(city.Districts[1].Mix.Shares, city.Districts[2].Mix.Shares);
        Assert.Contains(sites, s => s.District.Id == "a" && s.Device == DeviceTypes.Modern);
        Assert.Contains(sites, s => s.District.Id == "a" && s.Device == DeviceTypes.Classic);
        Assert.DoesNotContain(sites, s => s.District.Id == "b" && s.Device == DeviceTypes.Classic);
        Assert.All(sites, s => Assert.Equal(s.Device.Defaults, s.Sensors));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var result = ScenarioReader.Read("""
            { "timeZone": "Nowhere/Else",
              "districts": [ { "id": "a", "character": "downtown", "gatways": 1 } ],
              "faults": [ { "kind": "explode" } ] }
            """);

        Assert.Equal(["timeZone", "districts[0].gatways", "districts[0].character", "districts[0].gateways", "districts", "faults[0].kind"],
            result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var result = ScenarioReader.ReadFile("/nonexistent/city.json");

        Assert.Contains("'/nonexistent/city.json' does not exist", Assert.Single(result.Errors).Problem);
    }

    [Fact]
    public void Faults_from_the_command_line_follow_the_same_rules_as_in_a_file()
    {
        var (fault, errors) = FaultSpecs.Parse("offline:districts=a+b,start=+10m,duration=5m", ["a", "b"]);
        var (_, bad) = FaultSpecs.Parse("offline:districts=c,duration=5m", ["a", "b"]);
        var (_, noDuration) = FaultSpecs.Parse("offline:share=0.1", ["a"]);
        var (_, garbled) = FaultSpecs.Parse("corrupt:rate", ["a"]);

        Assert.Empty(errors);
        Assert.Equal(FaultKind.Offline, fault!.Kind);
        Assert.Equal(["a", "b"], fault.Targets.Districts);
        Assert.Equal(TimeSpan.FromMinutes(10), fault.Window.Start.Offset);
        Assert.Equal(TimeSpan.FromMinutes(5), fault.Window.Duration);
        Assert.Contains("'c' is not a district of this city", Assert.Single(bad).Problem);
        Assert.Equal("fault 'offline:share=0.1'.duration", Assert.Single(noDuration).Field);
        Assert.Contains("'rate' is not field=value", Assert.Single(garbled).Problem);
    }
}
