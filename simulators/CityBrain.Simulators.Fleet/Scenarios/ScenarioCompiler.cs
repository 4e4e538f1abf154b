using System.Globalization;
using System.Text.Json;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Scenarios.Json;
using CityBrain.Simulators.Fleet.Time;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Scenarios;

/// <summary>Checks a scenario document field by field and builds the <see cref="CityScenario"/> it describes. Every
/// problem is reported with the field it is in; nothing is silently corrected.</summary>
internal sealed class ScenarioCompiler
{
    public const string DefaultTimeZone = "Asia/Shanghai";
    public const int DefaultSeed = 42;
    public const string DefaultDevicePrefix = "sim";
    public static readonly TimeSpan DefaultReportInterval = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, DistrictCharacter> CharacterByName =
        Enum.GetValues<DistrictCharacter>().ToDictionary(c => c.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private static readonly string CharacterNames = string.Join(", ", CharacterByName.Keys);

    private readonly ScenarioErrors _errors = new();
    private HashSet<string> _districtIds = new(StringComparer.Ordinal);

    public static (CityScenario? Scenario, IReadOnlyList<ScenarioError> Errors) Compile(ScenarioDocument document)
    {
        var compiler = new ScenarioCompiler();
        var scenario = compiler.Build(document);
        return compiler._errors.Any ? (null, compiler._errors.All) : (scenario, []);
    }

    /// <summary>A fault given outside a scenario file (on the command line), checked against the districts it will run in.</summary>
    public static (FaultScenario? Fault, IReadOnlyList<ScenarioError> Errors) CompileFault(
        FaultDocument document, string field, IEnumerable<string> districtIds)
    {
        var compiler = new ScenarioCompiler { _districtIds = districtIds.ToHashSet(StringComparer.Ordinal) };
        var fault = compiler.Fault(document, field);
        return compiler._errors.Any ? (null, compiler._errors.All) : (fault, []);
    }

    private CityScenario Build(ScenarioDocument d)
    {
        Known(d, "");
        Known(d.Weather, "weather");
        Known(d.RandomEpisodes, "randomEpisodes");
        var timeZone = TimeZone(d.TimeZone);
        var interval = Duration(d.ReportInterval, "reportInterval", DefaultReportInterval);
        if (interval is { } i && (i < TimeSpan.FromSeconds(1) || i > TimeSpan.FromHours(1) || i.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            _errors.Add("reportInterval", $"{Durations.Format(i)} is not a whole number of seconds between 1s and 1h");
        }
        var prefix = d.DevicePrefix ?? DefaultDevicePrefix;
        if (DevicePrefixProblem(prefix) is { } problem) _errors.Add("devicePrefix", problem);
        var sensors = Sensors(d.Sensors, "sensors");
        var devices = Devices(d.Devices, "devices");
        var districts = Districts(d.Districts, sensors, devices);
        var weather = Weather(d.Weather);
        // A part that could not be built has had its problem reported; the scenario is then not returned at all.
        var episodes = (d.Episodes ?? []).Select((e, n) => Episode(e, $"episodes[{n}]")).OfType<EpisodeScenario>().ToList();
        var random = d.RandomEpisodes is { } r ? RandomEpisodes(r) : null;
        var faults = (d.Faults ?? []).Select((f, n) => Fault(f, $"faults[{n}]")).OfType<FaultScenario>().ToList();
        return new CityScenario(d.Name ?? "Simulated city", timeZone ?? TimeZoneInfo.Utc, d.Seed ?? DefaultSeed,
            interval ?? DefaultReportInterval, prefix, districts, weather, episodes, random, faults);
    }

    /// <summary>Why <paramref name="prefix"/> cannot begin gateway ids, or null when it can.</summary>
    public static string? DevicePrefixProblem(string prefix) => Identifier.IsValid(prefix) && prefix.Length <= 16
        ? null
        : $"'{prefix}' must be 1-16 lower-case letters, digits, '-' or '_', starting with a letter or digit (it begins every device id)";

    private TimeZoneInfo? TimeZone(string? id)
    {
        id ??= DefaultTimeZone;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        _errors.Add("timeZone", $"'{id}' is not a time zone this machine knows; use an IANA id such as {DefaultTimeZone}");
        return null;
    }

    private List<DistrictScenario> Districts(List<DistrictDocument>? documents, IReadOnlyList<Quantity>? defaultSensors, DeviceMix? defaultDevices)
    {
        if (documents is null || documents.Count == 0)
        {
            _errors.Add("districts", "is missing or empty: a city needs at least one district");
            return [];
        }
        _districtIds = documents.Select(x => x.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var districts = new List<DistrictScenario>();
        for (var n = 0; n < documents.Count; n++)
        {
            var d = documents[n];
            var at = $"districts[{n}]";
            Known(d, at);
            if (d.Id is null)
            {
                _errors.Add($"{at}.id", "is missing: every district needs an id");
            }
            else if (!Identifier.IsValid(d.Id))
            {
                _errors.Add($"{at}.id", $"'{d.Id}' is not a valid district id: use 1-{Identifier.MaxLength} lower-case letters, digits, '-' or '_'");
            }
            else if (!seen.Add(d.Id))
            {
                _errors.Add($"{at}.id", $"'{d.Id}' is used by an earlier district too");
            }
            var character = Character(d.Character, $"{at}.character");
            var position = Position(d.Position, $"{at}.position");
            var neighbours = d.Neighbours ?? [];
            for (var k = 0; k < neighbours.Count; k++)
            {
                if (neighbours[k] == d.Id) _errors.Add($"{at}.neighbours[{k}]", "a district is not its own neighbour");
                else RequireDistrict(neighbours[k], $"{at}.neighbours[{k}]");
            }
            if (d.Gateways is null) _errors.Add($"{at}.gateways", "is missing: say how many gateways stand in the district (0 for none)");
            else if (d.Gateways is < 0 or > 1_000_000) _errors.Add($"{at}.gateways", $"{d.Gateways} is outside 0..1000000");
            if (d.Traffic is { } t && (!double.IsFinite(t) || t <= 0 || t > 5))
            {
                _errors.Add($"{at}.traffic", $"{Number(t)} is outside the range above 0 and up to 5 (1 is the character's usual traffic)");
            }
            var sensors = Sensors(d.Sensors, $"{at}.sensors") ?? defaultSensors;
            var devices = Devices(d.Devices, $"{at}.devices") ?? defaultDevices;
            if (sensors is not null) RequireMeasured(sensors, devices ?? DeviceMix.AllClassic, d.Sensors is null ? "sensors" : $"{at}.sensors", d.Id ?? at);
            districts.Add(new DistrictScenario(d.Id ?? "", d.Name ?? d.Id ?? "", character, position, neighbours,
                d.Gateways ?? 0, sensors, d.Traffic ?? 1.0, devices));
        }
        if (districts.Count > 0 && districts.Sum(x => x.Gateways) == 0)
        {
            _errors.Add("districts", "no district has a gateway: give at least one district a gateways count above 0");
        }
        return districts;
    }

    private DistrictCharacter Character(string? name, string field)
    {
        if (name is not null && CharacterByName.TryGetValue(name, out var character)) return character;
        _errors.Add(field, name is null
            ? $"is missing: say what the district is mostly used for ({CharacterNames})"
            : $"'{name}' is not a district character; use one of {CharacterNames}");
        return DistrictCharacter.Residential;
    }

    private GeoPosition? Position(List<double>? values, string field)
    {
        if (values is null) return null;
        if (values.Count != 2)
        {
            _errors.Add(field, $"has {values.Count} numbers; a position is [longitude, latitude]");
            return null;
        }
        var (lon, lat) = (values[0], values[1]);
        if (lon is < -180 or > 180) _errors.Add(field, $"longitude {Number(lon)} is outside -180..180 (the order is [longitude, latitude])");
        if (lat is < -90 or > 90) _errors.Add(field, $"latitude {Number(lat)} is outside -90..90 (the order is [longitude, latitude])");
        return new GeoPosition(lon, lat);
    }

    private List<Quantity>? Sensors(List<string>? names, string field)
    {
        if (names is null) return null;
        if (names.Count == 0) _errors.Add(field, "is empty: a gateway needs at least one sensor");
        var sensors = new List<Quantity>();
        for (var k = 0; k < names.Count; k++)
        {
            if (!Quantities.TryParse(names[k], out var info))
            {
                _errors.Add($"{field}[{k}]", $"'{names[k]}' is not a quantity; use one of {string.Join(", ", Quantities.All.Select(q => q.WireName))}");
            }
            else if (sensors.Contains(info.Quantity))
            {
                _errors.Add($"{field}[{k}]", $"'{names[k]}' is listed twice");
            }
            else
            {
                sensors.Add(info.Quantity);
            }
        }
        return sensors;
    }

    /// <summary>The district's gateway kinds by share; the rest are classic.</summary>
    private DeviceMix? Devices(Dictionary<string, double>? shares, string field)
    {
        if (shares is null) return null;
        var mix = new List<DeviceShare>();
        foreach (var (name, share) in shares)
        {
            if (!DeviceTypes.ByName.TryGetValue(name, out var type))
            {
                _errors.Add($"{field}.{name}", $"'{name}' is not a kind of gateway; use one of {string.Join(", ", DeviceTypes.All.Select(t => t.Name))}");
            }
            else if (!double.IsFinite(share) || share < 0 || share > 1)
            {
                _errors.Add($"{field}.{name}", $"{Number(share)} is outside 0..1 (the share of the district's gateways of this kind)");
            }
            else
            {
                mix.Add(new DeviceShare(type, share));
            }
        }
        var sum = mix.Sum(s => s.Share);
        if (sum > 1 + 1e-9) _errors.Add(field, $"the shares add up to {Number(sum)}, more than all of the district's gateways");
        // A fixed order, so a gateway's kind does not depend on how the file orders the kinds.
        return new DeviceMix([.. mix.OrderBy(s => s.Type.Name, StringComparer.Ordinal)]);
    }

    /// <summary>Every listed quantity needs a module on some kind of gateway in the district, and every kind there
    /// needs something to report.</summary>
    private void RequireMeasured(IReadOnlyList<Quantity> sensors, DeviceMix devices, string field, string district)
    {
        var present = devices.Present.ToList();
        for (var k = 0; k < sensors.Count; k++)
        {
            if (!present.Any(t => t.Measures(sensors[k])))
            {
                _errors.Add($"{field}[{k}]", $"'{sensors[k].WireName()}' is measured by no kind of gateway in {district} ({string.Join(", ", present.Select(t => t.Name))}); "
                    + $"give the district a share of a kind that measures it: {string.Join(", ", DeviceTypes.All.Where(t => t.Measures(sensors[k])).Select(t => t.Name))}");
            }
        }
        foreach (var type in present.Where(t => !sensors.Any(t.Measures)))
        {
            _errors.Add(field, $"a {type.Name} gateway in {district} would report none of these quantities");
        }
    }

    private WeatherScenario Weather(WeatherDocument? w)
    {
        var defaults = new WeatherScenario();
        if (w is null) return defaults;
        return new WeatherScenario(
            InRange(w.MeanTemperature, "weather.meanTemperature", -40, 45, "°C"),
            InRange(w.DailyTemperatureRange, "weather.dailyTemperatureRange", 0, 25, "°C") ?? defaults.DailyTemperatureRange,
            InRange(w.MeanHumidity, "weather.meanHumidity", 5, 100, "%"),
            InRange(w.DailyHumidityRange, "weather.dailyHumidityRange", 0, 60, "%") ?? defaults.DailyHumidityRange,
            InRange(w.MeanPressure, "weather.meanPressure", 870, 1085, "hPa") ?? defaults.MeanPressure);
    }

    private EpisodeScenario? Episode(EpisodeDocument e, string at)
    {
        Known(e, at);
        if (e.Origin is null) _errors.Add($"{at}.origin", "is missing: say in which district the episode begins");
        else RequireDistrict(e.Origin, $"{at}.origin");
        var start = Instant(e.Start, $"{at}.start");
        if (e.Start is null) _errors.Add($"{at}.start", "is missing: give a time such as +2h (after the simulation starts) or 2026-11-23T06:00:00+08:00");
        var duration = PositiveDuration(e.Duration, $"{at}.duration", required: true);
        var (intensity, hopDelay, attenuation) = Plume(e.Intensity, e.HopDelay, e.Attenuation, at);
        return e.Origin is null || start is null || duration is null
            ? null
            : new EpisodeScenario(e.Origin, start.Value, duration.Value, intensity, hopDelay, attenuation);
    }

    private RandomEpisodes RandomEpisodes(RandomEpisodesDocument r)
    {
        const string at = "randomEpisodes";
        var perWeek = InRange(r.PerWeek, $"{at}.perWeek", 0, 21, "episodes a week") ?? 2;
        var duration = PositiveDuration(r.Duration, $"{at}.duration", required: false) ?? TimeSpan.FromHours(18);
        var (intensity, hopDelay, attenuation) = Plume(r.Intensity, r.HopDelay, r.Attenuation, at);
        return new RandomEpisodes(perWeek, intensity, duration, hopDelay, attenuation);
    }

    private (double Intensity, TimeSpan HopDelay, double Attenuation) Plume(double? intensity, string? hopDelay, double? attenuation, string at)
    {
        var delay = Duration(hopDelay, $"{at}.hopDelay", TimeSpan.FromHours(3));
        if (delay < TimeSpan.Zero) _errors.Add($"{at}.hopDelay", "must not be negative");
        if (attenuation is { } a && (!double.IsFinite(a) || a <= 0 || a > 1))
        {
            _errors.Add($"{at}.attenuation", $"{Number(a)} is outside the range above 0 and up to 1 (the share of the episode that reaches each next district)");
        }
        return (InRange(intensity, $"{at}.intensity", 0.1, 20, "times the usual particulate level") ?? 3,
            delay ?? TimeSpan.FromHours(3), attenuation ?? 0.7);
    }

    private FaultScenario? Fault(FaultDocument f, string at)
    {
        Known(f, at);
        if (f.Kind is null || !FaultKinds.ByName.TryGetValue(f.Kind, out var kind))
        {
            _errors.Add($"{at}.kind", (f.Kind is null ? "is missing" : $"'{f.Kind}' is not a fault")
                + $"; use one of {string.Join(", ", FaultKinds.ByName.Keys)}");
            return null;
        }
        var gateways = f.Gateways ?? [];
        for (var k = 0; k < gateways.Count; k++)
        {
            if (!Identifier.IsValid(gateways[k])) _errors.Add($"{at}.gateways[{k}]", $"'{gateways[k]}' is not a valid device id");
        }
        var districts = f.Districts ?? [];
        for (var k = 0; k < districts.Count; k++) RequireDistrict(districts[k], $"{at}.districts[{k}]");
        if (f.Share is { } share && (!double.IsFinite(share) || share <= 0 || share > 1))
        {
            _errors.Add($"{at}.share", $"{Number(share)} is outside the range above 0 and up to 1 (the share of the fleet the fault hits)");
        }
        if (gateways.Count == 0 && districts.Count == 0 && f.Share is null)
        {
            _errors.Add(at, $"the {kind.Name()} fault hits no gateway: give gateways, districts or share");
        }
        var start = Instant(f.Start, $"{at}.start") ?? ScenarioInstant.AtStart;
        var duration = PositiveDuration(f.Duration, $"{at}.duration", required: kind == FaultKind.Offline);
        var rate = 1.0;
        if (f.Rate is { } r)
        {
            if (kind is not (FaultKind.Corrupt or FaultKind.Duplicate or FaultKind.ForeignTopic)) NotFor(at, "rate", kind, "corrupt, duplicate and foreignTopic");
            else if (!double.IsFinite(r) || r <= 0 || r > 1) _errors.Add($"{at}.rate", $"{Number(r)} is outside the range above 0 and up to 1 (the share of reports affected)");
            rate = r;
        }
        List<Quantity>? quantities = null;
        if (f.Quantities is not null)
        {
            if (kind is not (FaultKind.Stuck or FaultKind.Drift or FaultKind.Failing)) NotFor(at, "quantities", kind, "stuck, drift and failing");
            quantities = Sensors(f.Quantities, $"{at}.quantities");
        }
        var skew = TimeSpan.Zero;
        if (kind == FaultKind.ClockSkew)
        {
            if (f.Skew is null) _errors.Add($"{at}.skew", "is missing: say how far the clock is off, e.g. +10m or -2h");
            skew = Duration(f.Skew, $"{at}.skew", TimeSpan.Zero) ?? TimeSpan.Zero;
            if (f.Skew is not null && skew == TimeSpan.Zero) _errors.Add($"{at}.skew", "is zero: a clock skew fault needs a clock that is off");
        }
        else if (f.Skew is not null)
        {
            NotFor(at, "skew", kind, "clockSkew");
        }
        var perHour = 0.0;
        if (kind == FaultKind.Drift)
        {
            perHour = f.PerHour ?? 0;
            if (f.PerHour is null) _errors.Add($"{at}.perHour", "is missing: say how far the sensor drifts per hour, e.g. 0.05 for +5 % per hour");
            else if (!double.IsFinite(perHour) || perHour == 0 || Math.Abs(perHour) > 1) _errors.Add($"{at}.perHour", $"{Number(perHour)} must be non-zero and within -1..1");
        }
        else if (f.PerHour is not null)
        {
            NotFor(at, "perHour", kind, "drift");
        }
        return new FaultScenario(kind, new GatewaySelector(gateways, districts, f.Share), new FaultWindow(start, duration),
            rate, quantities, skew, perHour);
    }

    private void Known(DocumentPart? part, string at)
    {
        if (part?.Unknown is not { Count: > 0 } unknown) return;
        var fields = part.GetType().GetProperties().Where(p => p.Name != nameof(DocumentPart.Unknown))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        foreach (var name in unknown.Keys)
        {
            _errors.Add(at.Length == 0 ? name : $"{at}.{name}", $"is not a field here; check its spelling (known: {string.Join(", ", fields)})");
        }
    }

    private void NotFor(string at, string field, FaultKind kind, string owners) =>
        _errors.Add($"{at}.{field}", $"does not apply to a {kind.Name()} fault (only to {owners})");

    private void RequireDistrict(string id, string field)
    {
        if (!_districtIds.Contains(id)) _errors.Add(field, $"'{id}' is not a district of this city");
    }

    private ScenarioInstant? Instant(string? text, string field)
    {
        if (text is null) return null;
        if (ScenarioInstant.TryParse(text, out var instant)) return instant;
        _errors.Add(field, $"'{text}' is not a time: write +2h (after the simulation starts) or an ISO time with its offset such as 2026-11-23T06:00:00+08:00");
        return null;
    }

    private TimeSpan? Duration(string? text, string field, TimeSpan fallback)
    {
        if (text is null) return fallback;
        if (Durations.TryParse(text, out var duration)) return duration;
        _errors.Add(field, $"'{text}' is not a duration ({Durations.Examples})");
        return null;
    }

    private TimeSpan? PositiveDuration(string? text, string field, bool required)
    {
        if (text is null)
        {
            if (required) _errors.Add(field, $"is missing: say how long it lasts ({Durations.Examples})");
            return null;
        }
        var duration = Duration(text, field, TimeSpan.Zero);
        if (duration is { } d && d <= TimeSpan.Zero)
        {
            _errors.Add(field, $"'{text}' must be longer than zero");
            return null;
        }
        return duration;
    }

    private double? InRange(double? value, string field, double min, double max, string unit)
    {
        if (value is not { } v) return null;
        if (double.IsFinite(v) && v >= min && v <= max) return v;
        _errors.Add(field, $"{Number(v)} is outside {Number(min)}..{Number(max)} ({unit})");
        return null;
    }

    private static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
