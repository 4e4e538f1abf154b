using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>What a gateway's sensors would read in a report window: the district's character, the local hour (traffic
/// peaks, night inversions, afternoon ozone, quiet nights), the season, multi-day weather, pollution episodes drifting
/// through, and the gateway's own site and sensor scatter. A pure function of (seed, gateway, window): the same seed
/// sends the same city, whichever order or process asks.</summary>
public sealed class CityAir
{
    /// <summary>How often the simulated sampler reads each sensor within a window (sets each reading's count).</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    private const double DefaultLatitude = 39.9;
    private const double DefaultLongitude = 116.4;

    private static readonly ulong Stagnation = SeededNoise.Hash("stagnation");
    private static readonly ulong Cloud = SeededNoise.Hash("cloud");
    private static readonly ulong Warm = SeededNoise.Hash("warm");
    private static readonly ulong Damp = SeededNoise.Hash("damp");
    private static readonly ulong Isobar = SeededNoise.Hash("isobar");
    private static readonly ulong SiteScatter = SeededNoise.Hash("site");
    private static readonly ulong WindowScatter = SeededNoise.Hash("window");
    private static readonly ulong Spread = SeededNoise.Hash("spread");

    private readonly CityScenario _scenario;
    private readonly SeededNoise _noise;
    private readonly PollutionEpisodes _episodes;
    private readonly CharacterProfile[] _profiles;

    public CityAir(CityScenario scenario, DateTimeOffset simulationStart)
    {
        _scenario = scenario;
        _noise = new SeededNoise(scenario.Seed);
        var map = new CityMap(scenario.Districts);
        _episodes = new PollutionEpisodes(map, scenario, simulationStart, _noise);
        _profiles = scenario.Districts.Select(d => CharacterProfile.Of(d.Character)).ToArray();
    }

    /// <summary>The episodes that begin within [from, to), for the run's summary.</summary>
    public IEnumerable<ResolvedEpisode> EpisodesStartingBetween(DateTimeOffset from, DateTimeOffset to) => _episodes.StartingBetween(from, to);

    /// <summary>The gateway's readings for the window [<paramref name="windowStart"/>, + <paramref name="window"/>),
    /// one per sensor, each in its quantity's contract unit, with the window's min, max and sample count.</summary>
    public IReadOnlyList<Reading> Measure(GatewaySite site, DateTimeOffset windowStart, TimeSpan window)
    {
        var conditions = Conditions(site, windowStart + window / 2);
        var slot = (ulong)windowStart.UtcTicks;
        var count = (int)Math.Clamp(window / SampleInterval, 1, 720);
        var readings = new Reading[site.Sensors.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            var quantity = site.Sensors[i];
            var value = Value(quantity, site, conditions, slot);
            var (min, max) = Range(quantity, value, site, slot);
            readings[i] = Reading.Of(quantity, Round(quantity, value), Quality.Ok, site.Device.SensorOf(quantity), Round(quantity, min), Round(quantity, max), count);
        }
        return readings;
    }

    /// <summary>One quantity's window value, as <see cref="Measure"/> reports it (before rounding).</summary>
    public double Value(GatewaySite site, Quantity quantity, DateTimeOffset windowStart, TimeSpan window) =>
        Value(quantity, site, Conditions(site, windowStart + window / 2), (ulong)windowStart.UtcTicks);

    /// <summary>Everything about the place and moment that all of a gateway's sensors share.</summary>
    private readonly record struct Air(
        CharacterProfile Profile, double Hour, Season Season, double TrafficWeight, double Traffic, double Stagnation, double Clear,
        double Episode, double SinSolarElevation, double TemperatureAnomaly, double HumidityAnomaly, double PressureAnomaly);

    private Air Conditions(GatewaySite site, DateTimeOffset at)
    {
        var district = site.District;
        var local = TimeZoneInfo.ConvertTime(at, _scenario.TimeZone);
        var hour = local.TimeOfDay.TotalHours;
        var season = new Season(local.DayOfYear);
        var days = (at - DateTimeOffset.UnixEpoch).TotalDays;
        var profile = _profiles[site.DistrictIndex];
        var districtKey = SeededNoise.Hash(district.Id);
        // Weather systems cover the whole city; each district sits a little differently in them.
        var stagnation = (0.55 + _noise.Smooth(Stagnation, days / 2.5)) * (0.9 + 0.2 * _noise.Uniform(Stagnation, districtKey));
        var cloud = _noise.Smooth(Cloud, days * 4);
        return new Air(
            profile, hour, season,
            TrafficWeight: profile.Traffic * district.Traffic,
            Traffic: DailyCycles.Traffic(hour) * profile.Traffic * district.Traffic,
            stagnation,
            Clear: 1 - 0.75 * cloud * cloud,
            Episode: _episodes.Load(site.DistrictIndex, at),
            SinSolarElevation: SinSolarElevation(district, local, season),
            TemperatureAnomaly: 6 * (_noise.Smooth(Warm, days / 3) - 0.5),
            HumidityAnomaly: 20 * (_noise.Smooth(Damp, days / 2) - 0.5) + 10 * cloud,
            PressureAnomaly: 12 * (_noise.Smooth(Isobar, days / 3) - 0.5));
    }

    private double Value(Quantity quantity, GatewaySite site, in Air a, ulong slot)
    {
        var p = a.Profile;
        var h = a.Hour;
        var inversion = DailyCycles.NightInversion(h);
        var daytime = DailyCycles.Daytime(h);
        var heating = a.Season.Heating;
        // A site's own offset for a quantity (its street, its sensor's calibration) and this window's scatter.
        double Site(Quantity of) => _noise.Normal(SiteScatter, site.Key, (ulong)of);
        double Window(Quantity of) => _noise.Normal(WindowScatter, site.Key, slot ^ (ulong)of);
        var offset = Site(quantity);
        var scatter = Window(quantity);
        double Concentration(double level) => level * Math.Exp(0.12 * offset + 0.05 * scatter);

        double pm25 = p.Pm25 * a.Stagnation * (1 + 0.22 * a.Traffic + 0.35 * inversion - 0.3 * DailyCycles.AfternoonMixing(h))
            * (1 + 0.7 * heating) * (1 + a.Episode);
        var value = site.Device.SizeResolvedParticles && Particles.Sizes.Contains(quantity)
            ? Particles.Sample(pm25 * Math.Exp(0.12 * Site(Quantity.Pm2_5) + 0.05 * Window(Quantity.Pm2_5)), p.CoarseRatio, a.Traffic, a.Episode,
                Site(Quantity.Pm1), Site(Quantity.Pm10), Window(Quantity.Pm10)).Of(quantity)
            : quantity switch
        {
            Quantity.Pm2_5 => Concentration(pm25),
            Quantity.Pm1 => Concentration(0.68 * pm25),
            // Haze is mostly fine particles, so the coarse share falls while an episode lasts.
            Quantity.Pm10 => Concentration(pm25 * p.CoarseRatio * (1 + 0.08 * a.Traffic) * (1 + 0.8 * a.Episode) / (1 + a.Episode)),
            Quantity.No2 => Concentration(No2(a, inversion)),
            // Sunlight makes ozone; traffic's NO eats it, so busy districts have less and parks more.
            Quantity.O3 => Concentration((12 + 160 * a.Season.OzoneSeason * DailyCycles.OzoneBuild(h) * a.Clear + 25 * daytime)
                * (1.15 - 0.3 * Math.Min(1.5, a.TrafficWeight)) / (1 + 0.3 * a.Episode)),
            Quantity.So2 => Concentration(p.So2 * (1 + 1.3 * heating) * (0.7 + 0.3 * a.Stagnation) * (1 + 0.25 * DailyCycles.Peak(h, 10, 3))),
            Quantity.Co => Concentration(p.Co * (0.6 + 0.4 * a.Stagnation) * (1 + 0.35 * a.Traffic + 0.3 * inversion)
                * (1 + 0.6 * heating) * (1 + 0.5 * a.Episode)),
            Quantity.Co2 => 418 + 22 * inversion + 15 * a.Traffic + 12 * heating + 6 * a.Episode + 5 * offset + 2 * scatter,
            Quantity.Temperature => (_scenario.Weather.MeanTemperature ?? a.Season.MeanTemperature) + a.TemperatureAnomaly
                + _scenario.Weather.DailyTemperatureRange / 2 * DailyCycles.Warmth(h)
                + p.HeatIsland * (1 - 0.5 * daytime) + 0.4 * offset + 0.1 * scatter,
            Quantity.Humidity => Math.Clamp((_scenario.Weather.MeanHumidity ?? a.Season.MeanHumidity) + a.HumidityAnomaly
                - _scenario.Weather.DailyHumidityRange / 2 * DailyCycles.Warmth(h) - 2 * p.HeatIsland + 1.5 * offset + scatter, 8, 99),
            Quantity.Pressure => _scenario.Weather.MeanPressure + 5 * a.Season.Winter + a.PressureAnomaly
                + 0.7 * DailyCycles.PressureTide(h) + 1.5 * offset + 0.1 * scatter,
            // Sound levels add as energies: the district's background and its roads.
            Quantity.Noise => Math.Clamp(10 * Math.Log10(Math.Pow(10, (p.Noise - 8 + 8 * daytime) / 10) + Math.Pow(10, (p.Noise - 4 + 10 * a.Traffic) / 10))
                + 2.5 * offset + 1.2 * scatter, 25, 110),
            Quantity.Illuminance => 110_000 * Math.Pow(Math.Max(0, a.SinSolarElevation), 1.1) * a.Clear * Math.Exp(0.05 * scatter)
                + p.NightLight * Math.Exp(0.3 * offset),
            // Sensirion's indices compare the air with the sensor's own past day: 100 (VOC) and 1 (NOx) mean usual.
            Quantity.VocIndex => Math.Clamp(100 * Math.Pow(VocRise(a, inversion), 1.2) * Math.Exp(0.06 * scatter), 1, 500),
            Quantity.NoxIndex => Math.Clamp(1 + 70 * Math.Pow(Math.Max(0, NoxRise(a, inversion) - 1), 1.3) * Math.Exp(0.1 * scatter), 1, 500),
            // The SGP41's raw signals: each chip has its own baseline; the VOC signal falls as VOCs rise, the NOx one rises.
            Quantity.VocRaw => 30_000 + 1_200 * offset - 3_200 * Math.Log(VocRise(a, inversion)) + 40 * scatter,
            Quantity.NoxRaw => 16_500 + 600 * offset + 1_500 * Math.Log(NoxRise(a, inversion)) + 20 * scatter,
            _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "no model for this quantity"),
        };
        var info = quantity.Info();
        return Math.Clamp(value, info.Min, info.Max);
    }

    /// <summary>NO2 before the site's scatter, µg/m³.</summary>
    private static double No2(in Air a, double inversion) =>
        (a.Profile.No2Background + a.Profile.No2PerTraffic * a.Traffic) * (0.75 + 0.25 * a.Stagnation)
        * (1 + 0.3 * inversion) * (1 + 0.25 * a.Season.Heating) * (1 + 0.12 * a.Episode);

    /// <summary>NO2 against what the site has on an average day of the season, as a gas sensor that adapts to its site
    /// sees it: above 1 in rush hours, under inversions and in episodes.</summary>
    private static double NoxRise(in Air a, double inversion) =>
        No2(a, inversion) / ((a.Profile.No2Background + a.Profile.No2PerTraffic * DailyCycles.MeanTraffic * a.TrafficWeight)
            * (1 + 0.3 * DailyCycles.MeanNightInversion) * (1 + 0.25 * a.Season.Heating));

    /// <summary>Volatile organic compounds (exhaust, solvents, trapped at night, carried in haze) against the site's
    /// average day. The index algorithm's slow adaptation is left out: an episode keeps the index up while it lasts.</summary>
    private static double VocRise(in Air a, double inversion) =>
        (1 + 0.8 * a.Traffic + 0.5 * inversion) * (1 + 0.6 * a.Episode)
        / (1 + 0.8 * DailyCycles.MeanTraffic * a.TrafficWeight + 0.5 * DailyCycles.MeanNightInversion);

    /// <summary>The lowest and highest sample of the window around its mean.</summary>
    private (double Min, double Max) Range(Quantity quantity, double value, GatewaySite site, ulong slot)
    {
        // One optical count gives every particle size, so their windows widen together and stay ordered.
        var spreadKey = site.Device.SizeResolvedParticles && Particles.Sizes.Contains(quantity) ? Quantity.Pm2_5 : quantity;
        var u = _noise.Uniform(Spread, site.Key, slot ^ (ulong)spreadKey);
        var (below, above) = quantity switch
        {
            Quantity.VocRaw or Quantity.NoxRaw => (20 + 80 * u, 20 + 80 * u),
            // LAeq is an energy mean: the quietest moment sits far below it, a passing lorry far above.
            Quantity.Noise => (3 + 5 * u, 4 + 10 * u),
            Quantity.Temperature => (0.05 + 0.2 * u, 0.05 + 0.2 * u),
            Quantity.Humidity => (0.3 + 1.5 * u, 0.3 + 1.5 * u),
            Quantity.Pressure => (0.05 + 0.1 * u, 0.05 + 0.1 * u),
            _ => (value * (0.03 + 0.1 * u), value * (0.03 + 0.15 * u)),
        };
        var info = quantity.Info();
        return (Math.Max(info.Min, value - below), Math.Min(info.Max, value + above));
    }

    /// <summary>Sine of the sun's elevation at the district, from its latitude, its longitude against the time zone's
    /// meridian and the solar declination of the day.</summary>
    private static double SinSolarElevation(DistrictScenario district, DateTimeOffset local, Season season)
    {
        var latitude = (district.Position?.Latitude ?? DefaultLatitude) * Math.PI / 180;
        var longitude = district.Position?.Longitude ?? DefaultLongitude;
        var solarHour = local.TimeOfDay.TotalHours + (longitude - local.Offset.TotalHours * 15) / 15;
        var declination = season.Declination * Math.PI / 180;
        var hourAngle = (solarHour - 12) * 15 * Math.PI / 180;
        return Math.Sin(latitude) * Math.Sin(declination) + Math.Cos(latitude) * Math.Cos(declination) * Math.Cos(hourAngle);
    }

    /// <summary>Values to the resolution a gateway reports: 0.01 mg/m³ CO and °C, whole lux, indices and ticks, 0.1 for
    /// the rest.</summary>
    private static double Round(Quantity quantity, double value) => quantity switch
    {
        Quantity.Co or Quantity.Temperature => Math.Round(value, 2),
        Quantity.Illuminance or Quantity.VocIndex or Quantity.NoxIndex or Quantity.VocRaw or Quantity.NoxRaw => Math.Round(value),
        _ => Math.Round(value, 1),
    };
}
