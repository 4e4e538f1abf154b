using CityBrain.Contracts.Vocabulary;
using System.Text.Json.Serialization;
using CityBrain.Grains.Areas;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.Alerts;
using CityBrain.Indicators.Network;
using CityBrain.Indicators.Time;

namespace CityBrain.Host.Api;

/// <summary>An AQI as the cockpit shows it. <see cref="Iaqi"/> holds each pollutant's highest sub-index, keyed by
/// wire name; <see cref="Hour"/> is the end of the hour in the city's time (Chinese reports label an hour by its end:
/// "15:00" is 14:00–15:00), <see cref="HourStart"/> its UTC start, and <see cref="Provisional"/> says the hour is
/// still running.</summary>
public sealed record AqiResponse(
    int Value,
    string Category,
    string CategoryZh,
    string CategoryEn,
    int Level,
    string Color,
    IReadOnlyList<string> PrimaryPollutants,
    IReadOnlyList<string> ExceedingPollutants,
    IReadOnlyDictionary<string, int> Iaqi,
    bool BeyondIndex,
    string Standard,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hour = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? HourStart = null,
    bool Provisional = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Day = null);

/// <summary>Levels in dB(A) to 0.1; <see cref="Level"/> is the last closed hour's LAeq against <see cref="Limit"/>,
/// the limit of its period (<see cref="Hour"/> is that hour's end, as for the AQI); Ld and Ln are the latest valid
/// ones, of the dates given. A place above the districts has no zone and no limits: <see cref="Compliance"/> says how
/// many of its districts meet their own zone's.</summary>
public sealed record NoiseResponse(
    double? Ld, double? Ln, double? LimitDay, double? LimitNight, string? Zone,
    double? Level, double? Limit, string Hour, DateOnly? LdDate, DateOnly? LnDate, NoiseComplianceResponse? Compliance, string Unit = "dB(A)");

/// <summary>Districts meeting the day and night limits of their own GB 3096 zone, from their latest Ld and Ln; a district
/// without a zone or without a level is not measured.</summary>
public sealed record NoiseComplianceResponse(int Districts, int DayMeasured, int DayWithin, int DayOver, int NightMeasured, int NightWithin, int NightOver);

/// <summary>Valid hourly values over expected ones in the last 24 hours (0–1).</summary>
public sealed record ValidityResponse(double? Rate, int ValidHours, int ExpectedHours);

public sealed record NetworkResponse(int Registered, int Online, int Offline, double? OnlineRate, int StaleDevices, int FaultyDevices);

/// <summary>The devices behind a district's network figures, by name.</summary>
public sealed record NetworkDevicesResponse(IReadOnlyList<string> Offline, IReadOnlyList<string> Stale, IReadOnlyList<string> Faulty);

/// <param name="Provisional">Raised by the hour still running; the hour's close confirms it or lets it go.</param>
public sealed record AlertResponse(
    string Id,
    string Kind,
    string District,
    string? Device,
    string Metric,
    double Value,
    double Peak,
    double Limit,
    string? Unit,
    string Severity,
    DateTimeOffset Since,
    DateTimeOffset? End,
    bool Active,
    string Message,
    bool Provisional = false);

/// <summary>A region's children ranked, cleanest first.</summary>
public sealed record RankingResponse(string Region, string Metric, string? Unit, IReadOnlyList<RankedRegionResponse> Children);

public sealed record RankedRegionResponse(string Id, string Name, string NameZh, string Level, int? Rank, double? Value, RankChangeResponse? PreviousHour, RankChangeResponse? PreviousDay);

/// <param name="PlacesGained">Positive when the place moved up (towards cleaner).</param>
public sealed record RankChangeResponse(double? Value, int? Rank, double? Change, int? PlacesGained);

public sealed record HistoryResponse(string Metric, string? Unit, string Step, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HistoryPointResponse> Points);

/// <summary>One period; <see cref="Value"/> is null when the period had no valid value (a gap, never a zero).</summary>
public sealed record HistoryPointResponse(DateTimeOffset Time, double? Value, int Count);

/// <summary>The indicator fields every place of the tree shares.</summary>
public sealed record IndicatorsResponse(AqiResponse? Aqi, AqiResponse? DailyAqi, NoiseResponse? Noise, ValidityResponse Validity, NetworkResponse Network);

internal static class IndicatorMapping
{
    public static IndicatorsResponse ToResponse(this AreaReport report) => new(
        report.Air is { } air ? air.Result.ToResponse(EndOf(air.Hour), air.Hour.Start, air.Provisional) : null,
        report.DailyAir is { } daily ? daily.Result.ToResponse(day: daily.Day) : null,
        report.Noise is { } n ? new NoiseResponse(n.Ld, n.Ln, n.LimitDay, n.LimitNight, n.Zone, n.Level, n.Limit, EndOf(n.Hour), n.DayDate, n.NightDate,
            report.NoiseCompliance is { } c ? new NoiseComplianceResponse(c.Districts, c.DayMeasured, c.DayMeasured - c.DayOver, c.DayOver,
                c.NightMeasured, c.NightMeasured - c.NightOver, c.NightOver) : null) : null,
        new ValidityResponse(report.Network.ValidityRate, report.Network.ValidHourlyValues, report.Network.ExpectedHourlyValues),
        new NetworkResponse(report.Network.Registered, report.Network.Online, report.Network.Offline, report.Network.OnlineRate,
            report.Network.Stale, report.Network.Faulty));

    public static AqiResponse? ToResponse(this AqiResult result, string? hour = null, DateTimeOffset? hourStart = null, bool provisional = false, DateOnly? day = null) =>
        result is { Aqi: { } value, Category: { } category }
            ? new AqiResponse(value, category.Code, category.NameZh, category.NameEn, category.Level, category.Colour,
                [.. result.PrimaryPollutants.Select(m => m.Pollutant.DisplayName()).Distinct()],
                [.. result.ExceedingPollutants.Select(m => m.Pollutant.DisplayName()).Distinct()],
                result.SubIndices.GroupBy(s => s.Item.Pollutant).ToDictionary(g => g.Key.Quantity().WireName(), g => g.Max(s => s.Index)),
                result.BeyondIndex, result.RuleSet.Id(), hour, hourStart, provisional, day)
            : null;

    /// <summary>The end of the hour as a local time with its offset, e.g. <c>2026-11-23T15:00:00+08:00</c>.</summary>
    private static string EndOf(ClockHour hour) =>
        hour.End.ToOffset(hour.LocalStart.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public static NetworkDevicesResponse ToDevicesResponse(this NetworkHealth health) => new(
        [.. health.Offline.Select(c => c.DeviceId)], [.. health.Stale.Select(c => c.DeviceId)], [.. health.Faulty.Select(c => c.DeviceId)]);
}
