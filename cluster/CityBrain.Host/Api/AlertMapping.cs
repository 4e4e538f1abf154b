using System.Globalization;
using CityBrain.Indicators.Alerts;

namespace CityBrain.Host.Api;

/// <summary>Alerts as the cockpit lists them: what, where, how far over the limit, in a sentence a duty officer can
/// read aloud.</summary>
internal static class AlertMapping
{
    public static AlertResponse ToResponse(this Alert alert)
    {
        var key = alert.Key;
        var (metric, unit) = key.Kind switch
        {
            AlertKind.AirPolluted => ("aqi", (string?)null),
            AlertKind.PollutantOverLimit => (key.Subject ?? "pollutant", key.Subject?.StartsWith("CO", StringComparison.Ordinal) == true ? Contracts.Vocabulary.Units.MilligramsPerCubicMetre : Contracts.Vocabulary.Units.MicrogramsPerCubicMetre),
            AlertKind.NoiseOverLimit => ("noise", Contracts.Vocabulary.Units.DecibelA),
            AlertKind.DeviceOffline => ("silence", "min"),
            _ => ("invalid_quantities", null),
        };
        var id = alert.StableId();
        return new AlertResponse(id, CamelCase(key.Kind.ToString()), key.DistrictId, key.DeviceId, metric,
            alert.Value, alert.Peak, alert.Limit, unit, AlertSeverities.Of(alert).ToString().ToLowerInvariant(), alert.Start, alert.End, alert.End is null, Message(alert, unit), alert.Provisional);
    }

    private static string Message(Alert alert, string? unit)
    {
        var key = alert.Key;
        var where = key.DeviceId is null ? key.DistrictId : $"{key.DeviceId} ({key.DistrictId})";
        var value = alert.Value.ToString("0.#", CultureInfo.InvariantCulture);
        var limit = alert.Limit.ToString("0.#", CultureInfo.InvariantCulture);
        return key.Kind switch
        {
            AlertKind.AirPolluted => $"AQI {value} in {where}: above {limit}, lightly polluted or worse",
            AlertKind.PollutantOverLimit => $"{key.Subject} at {value} {unit} in {where}: above its limit of {limit} {unit}",
            AlertKind.NoiseOverLimit => $"Noise at {value} dB(A) in {where}: above the zone limit of {limit} dB(A)",
            AlertKind.DeviceOffline => $"{where} silent for {value} min: longer than the {limit} min online window",
            _ => $"{where} delivers {value} invalid quantities",
        } + (alert.End is { } end ? $"; cleared {end:u}" : "");
    }

    /// <summary>An enum member's name as the API spells it (<c>AirPolluted</c> → <c>airPolluted</c>).</summary>
    internal static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
