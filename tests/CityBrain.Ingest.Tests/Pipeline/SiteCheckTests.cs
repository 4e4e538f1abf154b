using CityBrain.Contracts.Payloads;
using CityBrain.Grains.Devices;
using CityBrain.Ingest.Pipeline;
using CityBrain.Regions;

namespace CityBrain.Ingest.Tests.Pipeline;

public sealed class SiteCheckTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"citybrain-sites-{Guid.NewGuid():N}.json");
    private readonly SiteCheck _check;

    /// <summary>One district of a city far enough west that a latitude and longitude swapped both stay on Earth.</summary>
    public SiteCheckTests()
    {
        File.WriteAllText(_file, """
            {
              "id": "test-city", "name": "Test City", "nameZh": "测试市", "timeZone": "Europe/Berlin",
              "districts": [
                { "id": "mitte", "name": "Mitte", "nameZh": "米特", "noiseZone": "2", "position": [10.5, 50.5],
                  "polygon": [[10, 50], [11, 50], [11, 51], [10, 51], [10, 50]] }
              ]
            }
            """);
        _check = new SiteCheck(RegionFile.Load(_file).Boundaries);
    }

    [Fact]
    public void A_site_inside_its_district_or_just_over_the_border_is_accepted_with_its_name_trimmed()
    {
        Assert.Equal(new SiteVerdict(new MonitoringSite("Hauptbahnhof", 50.5, 10.5), null), _check.Check("mitte", new Site(" Hauptbahnhof ", 50.5, 10.5)));
        // About 300 m east of the border: a boundary drawn coarser than a GPS fix.
        Assert.Null(_check.Check("mitte", new Site("Grenzweg", 50.5, 11.003)).Refusal);
    }

    [Fact]
    public void A_position_outside_keeps_the_name_and_says_why_naming_swapped_coordinates()
    {
        Assert.Equal(new SiteVerdict(new MonitoringSite("Nord", null, null), "site position 51.2, 10.5 lies outside district mitte"),
            _check.Check("mitte", new Site("Nord", 51.2, 10.5)));
        Assert.Equal("site position 10.5, 50.5 lies outside district mitte; latitude and longitude look swapped",
            _check.Check("mitte", new Site("Vertauscht", 10.5, 50.5)).Refusal);
    }

    [Fact]
    public void An_unsound_site_is_refused_whole_and_a_district_without_an_outline_takes_any_sound_position()
    {
        Assert.Equal(new SiteVerdict(null, "site position needs both latitude and longitude, or neither"), _check.Check("mitte", new Site("Halb", 50.5, null)));
        Assert.Null(_check.Check("elsewhere", new Site("Anderswo", -33.9, 18.4)).Refusal);
        Assert.Null(new SiteCheck().Check("mitte", new Site("Ohne Karte", -33.9, 18.4)).Refusal);
    }

    public void Dispose() => File.Delete(_file);
}
