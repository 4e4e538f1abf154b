using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Tests.Support;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Tests.Values;

public class CityAirTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Winter = TestCity.WinterMidnight;
    private static readonly DateTimeOffset Summer = new(2026, 7, 15, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_same_seed_sends_the_same_city_and_another_seed_another()
    {
        var city = TestCity.Demo();
        var sites = FleetPlan.Sites(city);
        var at = Winter.AddHours(9.5);
        var a = new CityAir(city, Winter);
        var b = new CityAir(city, Winter);
        var other = new CityAir(city with { Seed = 43 }, Winter);

        Assert.All(sites, s => Assert.Equal(a.Measure(s, at, Interval), b.Measure(s, at, Interval)));
        Assert.Contains(sites, s => !a.Measure(s, at, Interval).SequenceEqual(other.Measure(s, at, Interval)));
    }

    [Fact]
    public void A_value_depends_on_the_gateway_and_the_window_only_not_on_what_else_was_asked()
    {
        var city = TestCity.Demo();
        var site = FleetPlan.Sites(city)[17];
        var at = Winter.AddHours(14);
        var fresh = new CityAir(city, Winter).Measure(site, at, Interval);
        var busy = new CityAir(city, Winter);
        foreach (var s in FleetPlan.Sites(city)) busy.Measure(s, at.AddHours(-3), Interval);

        Assert.Equal(fresh, busy.Measure(site, at, Interval));
        // A bigger fleet does not change what the existing gateways report.
        var bigger = FleetPlan.Sites(city, 1000).Single(s => s.DeviceId == site.DeviceId);
        Assert.Equal(fresh, new CityAir(city, Winter).Measure(bigger, at, Interval));
    }

    [Theory]
    [InlineData(Quantity.No2, 8, 3)]
    [InlineData(Quantity.Co, 8, 14)]
    [InlineData(Quantity.Noise, 18, 3)]
    [InlineData(Quantity.Pm2_5, 22, 14)]
    [InlineData(Quantity.Temperature, 15, 5)]
    [InlineData(Quantity.Humidity, 5, 15)]
    [InlineData(Quantity.Illuminance, 12, 23)]
    public void Daily_cycles_peak_when_the_city_does(Quantity quantity, int busyHour, int quietHour)
    {
        var city = TestCity.Demo();
        var air = new CityAir(city, Winter);
        var sites = FleetPlan.Sites(city).Where(s => s.Sensors.Contains(quantity)).ToList();
        // Averaged over a week of days and every gateway, so that weather and episodes cancel out.
        double MeanAt(int hour) => Enumerable.Range(0, 7).SelectMany(day => sites.Select(s => air.Value(s, quantity, Winter.AddDays(day).AddHours(hour), Interval))).Average();

        Assert.True(MeanAt(busyHour) > MeanAt(quietHour) * 1.1, $"{quantity} at {busyHour}:00 ({MeanAt(busyHour):0.#}) should clearly exceed {quietHour}:00 ({MeanAt(quietHour):0.#})");
    }

    [Fact]
    public void Ozone_builds_on_summer_afternoons_far_more_than_in_winter()
    {
        var city = TestCity.Demo();
        var site = FleetPlan.Sites(city).First(s => s.District.Character == DistrictCharacter.Park);
        double Mean(DateTimeOffset day, int hour) =>
            Enumerable.Range(0, 7).Average(d => new CityAir(city, day).Value(site, Quantity.O3, day.AddDays(d).AddHours(hour), Interval));

        Assert.True(Mean(Summer, 15) > 2 * Mean(Summer, 5));
        Assert.True(Mean(Summer, 15) > 1.5 * Mean(Winter, 15));
        Assert.InRange(Mean(Summer, 15), 90, 260);
    }

    [Fact]
    public void Noise_is_a_plausible_LAeq_by_district_character_and_quiet_at_night()
    {
        var city = TestCity.FourCharacters();
        var air = new CityAir(city, Winter);
        double Mean(string district, int hour) => Enumerable.Range(0, 7)
            .Average(day => air.Value(TestCity.Site(city, district), Quantity.Noise, Winter.AddDays(day).AddHours(hour), Interval));

        Assert.InRange(Mean("homes", 10), 45, 60);
        Assert.InRange(Mean("homes", 3), 35, 48);
        Assert.InRange(Mean("shops", 8), 58, 72);
        Assert.True(Mean("green", 10) < Mean("homes", 10));
        Assert.True(Mean("works", 3) > Mean("homes", 3));
    }

    [Fact]
    public void Districts_differ_in_character_industry_dirtiest_and_parks_cleanest()
    {
        var city = TestCity.FourCharacters();
        var air = new CityAir(city, Winter);
        double Daily(string district, Quantity q) => Enumerable.Range(0, 7 * 24)
            .Average(h => air.Value(TestCity.Site(city, district), q, Winter.AddHours(h), Interval));

        Assert.True(Daily("works", Quantity.Pm10) > Daily("homes", Quantity.Pm10));
        Assert.True(Daily("works", Quantity.So2) > 2 * Daily("green", Quantity.So2));
        Assert.True(Daily("shops", Quantity.No2) > Daily("green", Quantity.No2) * 1.5);
        Assert.True(Daily("green", Quantity.Pm2_5) < Daily("homes", Quantity.Pm2_5));
    }

    [Fact]
    public void Values_stay_in_contract_units_and_plausible_city_ranges_through_the_year()
    {
        var city = TestCity.Demo();
        var air = new CityAir(city, Winter);
        var sites = FleetPlan.Sites(city).Where((_, i) => i % 7 == 0).ToList();
        var plausible = new Dictionary<Quantity, (double Min, double Max)>
        {
            [Quantity.Pm2_5] = (2, 400), [Quantity.Pm10] = (3, 900), [Quantity.No2] = (3, 300), [Quantity.So2] = (1, 150),
            [Quantity.O3] = (2, 350), [Quantity.Co] = (0.1, 6), [Quantity.Co2] = (395, 560), [Quantity.Temperature] = (-25, 42),
            [Quantity.Humidity] = (8, 99), [Quantity.Pressure] = (985, 1045), [Quantity.Noise] = (25, 90), [Quantity.Illuminance] = (0, 130_000),
            // The demo's modern stations and SGP41s.
            [Quantity.Pm1] = (1, 350), [Quantity.Pm4] = (2, 600), [Quantity.Nc0_5] = (5, 5_000), [Quantity.Nc1] = (8, 6_000),
            [Quantity.Nc2_5] = (8, 6_000), [Quantity.Nc4] = (8, 6_000), [Quantity.Nc10] = (8, 6_000),
            [Quantity.VocIndex] = (1, 500), [Quantity.NoxIndex] = (1, 500), [Quantity.VocRaw] = (15_000, 42_000), [Quantity.NoxRaw] = (11_000, 24_000),
        };
        for (var hour = 0; hour < 365 * 24; hour += 37)
        {
            foreach (var site in sites)
            {
                foreach (var r in air.Measure(site, Winter.AddHours(hour), Interval))
                {
                    Assert.Equal(r.Quantity.Unit(), r.Unit);
                    Assert.Equal(Quality.Ok, r.Quality);
                    Assert.InRange(r.Value!.Value, plausible[r.Quantity].Min, plausible[r.Quantity].Max);
                    Assert.InRange(r.Value.Value, r.Min!.Value, r.Max!.Value);
                    Assert.Equal(2, r.Count);
                }
            }
        }
    }

    [Fact]
    public void An_ordinary_winter_week_is_mostly_between_10_and_150_ug_pm2_5()
    {
        var city = TestCity.Demo() with { Episodes = [], RandomEpisodes = null };
        var air = new CityAir(city, Winter);
        var values = FleetPlan.Sites(city).SelectMany(s => Enumerable.Range(0, 7 * 24).Select(h => air.Value(s, Quantity.Pm2_5, Winter.AddHours(h), Interval))).ToList();
        values.Sort();

        Assert.InRange(values[values.Count / 20], 10, 60);
        Assert.InRange(values[values.Count * 19 / 20], 60, 150);
    }

    [Fact]
    public void An_episode_peaks_in_its_origin_then_drifts_weaker_to_the_neighbours()
    {
        var city = TestCity.FourCharacters() with
        {
            Episodes = [new EpisodeScenario("homes", new Fleet.Time.ScenarioInstant(null, TimeSpan.FromHours(2)), TimeSpan.FromHours(20), 3, TimeSpan.FromHours(3), 0.7)],
        };
        var clean = TestCity.FourCharacters();
        var start = Winter;
        double Ratio(string district, double hours) =>
            new CityAir(city, start).Value(TestCity.Site(city, district), Quantity.Pm2_5, start.AddHours(hours), Interval)
            / new CityAir(clean, start).Value(TestCity.Site(clean, district), Quantity.Pm2_5, start.AddHours(hours), Interval);

        Assert.Equal(1, Ratio("homes", 1), 3);
        Assert.InRange(Ratio("homes", 2 + 14), 3.8, 4.0);       // the peak, 70 % into the episode: 1 + intensity
        Assert.InRange(Ratio("shops", 3 + 2 + 14), 2.9, 3.2);   // one hop, three hours later: 1 + 3 × 0.7
        Assert.InRange(Ratio("works", 6 + 2 + 14), 2.3, 2.6);   // two hops: 1 + 3 × 0.49
        Assert.Equal(1, Ratio("shops", 3), 3);                  // not there yet
        Assert.Equal(1, Ratio("homes", 23), 3);                 // over
    }

    [Fact]
    public void Random_episodes_come_from_the_seed_about_as_often_as_asked()
    {
        var city = TestCity.Demo() with { Episodes = [], RandomEpisodes = new RandomEpisodes(2, 3, TimeSpan.FromHours(18), TimeSpan.FromHours(3), 0.7) };
        var year = new CityAir(city, Winter).EpisodesStartingBetween(Winter, Winter.AddDays(364)).ToList();

        Assert.InRange(year.Count, 70, 140);
        Assert.Equal(year, new CityAir(city, Winter).EpisodesStartingBetween(Winter, Winter.AddDays(364)));
        Assert.NotEqual(year, new CityAir(city with { Seed = 1 }, Winter).EpisodesStartingBetween(Winter, Winter.AddDays(364)));
    }
}
