using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Tests.Support;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Tests.Values;

/// <summary>The quantities of the Sensirion modules on modern stations (SEN66, SPS30) and of the SGP41 added to
/// classic ones.</summary>
public class SensirionQuantitiesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = TestCity.WinterMidnight;

    /// <summary>Every quarter hour of two days, which hold the whole of the renewed city's episode, at every gateway of
    /// <paramref name="kind"/>.</summary>
    private static List<(GatewaySite Site, DateTimeOffset At, Dictionary<Quantity, Reading> Readings)> TwoDays(CityScenario city, DeviceType kind)
    {
        var air = new CityAir(city, Start);
        var sites = FleetPlan.Sites(city).Where(s => s.Device == kind).ToList();
        var samples = (from at in Enumerable.Range(0, 2 * 96).Select(q => Start.AddMinutes(15 * q))
                       from site in sites
                       select (site, at, air.Measure(site, at, Interval).ToDictionary(r => r.Quantity))).ToList();
        Assert.NotEmpty(samples);
        return samples;
    }

    private static double V(Dictionary<Quantity, Reading> readings, Quantity q) => readings[q].Value!.Value;

    [Fact]
    public void Each_kind_of_gateway_reports_what_its_modules_measure_and_names_the_module()
    {
        var renewed = TestCity.Renewed();
        var sites = FleetPlan.Sites(renewed);
        var modern = sites.First(s => s.Device == DeviceTypes.Modern);
        var sgp41 = sites.First(s => s.Device == DeviceTypes.ClassicSgp41);
        var classicCity = TestCity.FourCharacters();
        var classic = TestCity.Site(classicCity, "homes");
        static IReadOnlyList<Reading> Readings(CityScenario city, GatewaySite site) => new CityAir(city, Start).Measure(site, Start, Interval);
        static Dictionary<Quantity, string> Sources(CityScenario city, GatewaySite site) => Readings(city, site).ToDictionary(r => r.Quantity, r => r.Sensor);

        Assert.Same(DeviceTypes.Classic, classic.Device);
        Assert.Equal(DeviceTypes.Modern.Defaults, Readings(renewed, modern).Select(r => r.Quantity));
        Assert.Equal([.. CityScenario.AllSensors, Quantity.VocRaw, Quantity.NoxRaw], Readings(renewed, sgp41).Select(r => r.Quantity));
        Assert.Equal(CityScenario.AllSensors, Readings(classicCity, classic).Select(r => r.Quantity));

        var m = Sources(renewed, modern);
        foreach (var q in new[] { Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Temperature, Quantity.Humidity, Quantity.Co2, Quantity.VocIndex, Quantity.NoxIndex })
        {
            Assert.Equal("sen66", m[q]);
        }
        foreach (var q in new[] { Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10 }) Assert.Equal("sps30", m[q]);
        Assert.Equal("bme280", m[Quantity.Pressure]);
        Assert.Equal("no2-b43f", m[Quantity.No2]);

        var s = Sources(renewed, sgp41);
        Assert.Equal("sgp41", s[Quantity.VocRaw]);
        Assert.Equal("sgp41", s[Quantity.NoxRaw]);
        Assert.Equal("pms5003", s[Quantity.Pm2_5]);
        Assert.Equal("bme280", s[Quantity.Temperature]);
        Assert.Equal("scd41", s[Quantity.Co2]);

        var c = Sources(classicCity, classic);
        Assert.Equal("pms5003", c[Quantity.Pm10]);
        Assert.Equal("bme280", c[Quantity.Humidity]);
    }

    [Fact]
    public void A_listed_sensor_goes_to_the_kinds_that_measure_it_only()
    {
        var district = TestCity.Renewed().Districts[0] with { Sensors = [Quantity.Pm2_5, Quantity.Pm4, Quantity.VocRaw] };

        Assert.Equal([Quantity.Pm2_5, Quantity.Pm4], district.SensorsOf(DeviceTypes.Modern));
        Assert.Equal([Quantity.Pm2_5, Quantity.VocRaw], district.SensorsOf(DeviceTypes.ClassicSgp41));
        Assert.Equal([Quantity.Pm2_5], district.SensorsOf(DeviceTypes.Classic));
    }

    [Fact]
    public void A_gateways_kind_depends_on_its_id_and_the_seed_not_on_the_size_of_the_fleet()
    {
        var city = TestCity.Demo();
        var sites = FleetPlan.Sites(city);
        var bigger = FleetPlan.Sites(city, 1000).ToDictionary(s => s.DeviceId);

        Assert.All(sites, s => Assert.Same(s.Device, bigger[s.DeviceId].Device));
        // The demo city shows every kind, and only where its districts have them.
        Assert.All(DeviceTypes.All, kind => Assert.Contains(sites, s => s.Device == kind));
        Assert.Contains(sites, s => s.District.Devices is null);
        Assert.All(sites.Where(s => s.District.Devices is null), s => Assert.Same(DeviceTypes.Classic, s.Device));
        Assert.InRange(bigger.Values.Count(s => s.District.Id == "chaoyang" && s.Device == DeviceTypes.Modern)
            / (double)bigger.Values.Count(s => s.District.Id == "chaoyang"), 0.2, 0.4);
    }

    [Fact]
    public void Particle_sizes_are_ordered_and_counts_cumulative_and_plausible_for_the_mass_through_an_episode()
    {
        foreach (var (_, _, r) in TwoDays(TestCity.Renewed(), DeviceTypes.Modern))
        {
            foreach (var pick in new Func<Reading, double>[] { x => x.Value!.Value, x => x.Min!.Value, x => x.Max!.Value })
            {
                double P(Quantity q) => pick(r[q]);
                Assert.True(P(Quantity.Pm1) <= P(Quantity.Pm2_5) && P(Quantity.Pm2_5) <= P(Quantity.Pm4) && P(Quantity.Pm4) <= P(Quantity.Pm10),
                    $"pm {P(Quantity.Pm1)} {P(Quantity.Pm2_5)} {P(Quantity.Pm4)} {P(Quantity.Pm10)}");
                Assert.True(P(Quantity.Nc0_5) <= P(Quantity.Nc1) && P(Quantity.Nc1) <= P(Quantity.Nc2_5) && P(Quantity.Nc2_5) <= P(Quantity.Nc4) && P(Quantity.Nc4) <= P(Quantity.Nc10),
                    $"nc {P(Quantity.Nc0_5)} {P(Quantity.Nc1)} {P(Quantity.Nc2_5)} {P(Quantity.Nc4)} {P(Quantity.Nc10)}");
            }
            // Urban particles are mostly below 1 µm: some 5-12 per cm³ for each µg/m³ of PM2.5.
            Assert.InRange(V(r, Quantity.Nc2_5) / V(r, Quantity.Pm2_5), 4, 12);
            Assert.InRange(V(r, Quantity.Nc10), 20, 10_000);
        }
    }

    [Fact]
    public void Number_concentrations_rise_with_the_haze_from_hundreds_to_about_a_thousand_per_cm3()
    {
        var hazy = TestCity.Renewed();
        var clear = hazy with { Episodes = [] };
        var peak = Start.AddHours(2 + 14);       // 70 % into the episode, in its origin
        var site = FleetPlan.Sites(hazy).First(s => s.District.Id == "homes" && s.Device == DeviceTypes.Modern);
        double At(CityScenario city, Quantity q) => new CityAir(city, Start).Value(site, q, peak, Interval);

        Assert.True(At(hazy, Quantity.Nc2_5) > 2.5 * At(clear, Quantity.Nc2_5), $"{At(hazy, Quantity.Nc2_5)} against {At(clear, Quantity.Nc2_5)}");
        Assert.InRange(At(hazy, Quantity.Nc10), 600, 10_000);
        Assert.InRange(At(clear, Quantity.Nc10), 100, 2_000);
    }

    [Fact]
    public void The_voc_index_is_about_100_on_usual_air_and_rises_with_traffic_and_haze()
    {
        var hazy = TestCity.Renewed();
        var clear = TwoDays(hazy with { Episodes = [] }, DeviceTypes.Modern);
        var usual = clear.Select(x => V(x.Readings, Quantity.VocIndex)).Order().ToList();
        double MeanAt(int hour) => clear.Where(x => x.At.Hour == hour).Average(x => V(x.Readings, Quantity.VocIndex));
        var site = FleetPlan.Sites(hazy).First(s => s.District.Id == "homes" && s.Device == DeviceTypes.Modern);
        var peak = Start.AddHours(2 + 14);

        Assert.InRange(usual[usual.Count / 2], 80, 120);
        Assert.All(usual, v => Assert.InRange(v, 1, 500));
        Assert.True(MeanAt(18) > 1.2 * MeanAt(14), $"evening rush {MeanAt(18):0} against afternoon {MeanAt(14):0}");
        Assert.InRange(new CityAir(hazy, Start).Value(site, Quantity.VocIndex, peak, Interval), 220, 500);
    }

    [Fact]
    public void The_nox_index_is_1_on_usual_air_and_rises_in_the_rush_hours()
    {
        var days = TwoDays(TestCity.Renewed() with { Episodes = [] }, DeviceTypes.Modern);
        var values = days.Select(x => V(x.Readings, Quantity.NoxIndex)).ToList();
        double MeanAt(int hour) => days.Where(x => x.At.Hour == hour).Average(x => V(x.Readings, Quantity.NoxIndex));

        Assert.All(values, v => Assert.InRange(v, 1, 500));
        Assert.InRange(values.Count(v => v == 1) / (double)values.Count, 0.3, 0.9);
        Assert.True(MeanAt(8) > 10 && MeanAt(8) > 3 * MeanAt(14), $"morning rush {MeanAt(8):0.#} against afternoon {MeanAt(14):0.#}");
    }

    [Fact]
    public void The_sgp41s_raw_signals_sit_where_the_chip_puts_them_and_move_against_voc_and_with_nox()
    {
        var hazy = TestCity.Renewed();
        var days = TwoDays(hazy, DeviceTypes.ClassicSgp41);
        var voc = days.Select(x => V(x.Readings, Quantity.VocRaw)).Order().ToList();
        var nox = days.Select(x => V(x.Readings, Quantity.NoxRaw)).Order().ToList();
        var site = FleetPlan.Sites(hazy).First(s => s.District.Id == "homes" && s.Device == DeviceTypes.ClassicSgp41);
        double At(CityScenario city, Quantity q, double hours) => new CityAir(city, Start).Value(site, q, Start.AddHours(hours), Interval);
        var clear = hazy with { Episodes = [] };

        Assert.InRange(voc[voc.Count / 2], 25_000, 35_000);
        Assert.InRange(voc[0], 18_000, voc[^1]);
        Assert.InRange(voc[^1], voc[0], 40_000);
        Assert.InRange(nox[nox.Count / 2], 15_000, 20_000);
        Assert.InRange(nox[0], 12_000, nox[^1]);
        Assert.InRange(nox[^1], nox[0], 23_000);
        // Haze brings VOCs: the VOC signal falls. The morning rush brings NOx: the NOx signal rises.
        Assert.True(At(hazy, Quantity.VocRaw, 16) < At(clear, Quantity.VocRaw, 16) - 1_500);
        Assert.True(At(clear, Quantity.NoxRaw, 8) > At(clear, Quantity.NoxRaw, 14) + 500);
    }
}
