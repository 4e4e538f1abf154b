using CityBrain.Indicators.Air;
using CityBrain.Indicators.Network;
using CityBrain.Indicators.Noise;

namespace CityBrain.Indicators.Alerts;

/// <summary>Checks from computed indicators. Every pollutant present yields a check, below its limit too, so that an
/// active alert can clear.</summary>
public static class AlertChecks
{
    public const string NoiseSubject = "noise";

    /// <summary>The AQI against 100 and each item's concentration against its limit.</summary>
    public static IEnumerable<AlertCheck> ForAir(string districtId, DateTimeOffset at, AqiResult result)
    {
        if (result.Aqi is not { } aqi) yield break;
        yield return new AlertCheck(new AlertKey(AlertKind.AirPolluted, districtId), at, aqi, 100);
        foreach (var sub in result.SubIndices)
        {
            yield return new AlertCheck(new AlertKey(AlertKind.PollutantOverLimit, districtId, Subject: sub.Item.ToString()),
                at, (double)sub.Concentration, (double)sub.Limit);
        }
    }

    /// <summary>A noise level (an hourly LAeq, or Ld/Ln) against its zone limit, as reported to 0.1 dB.</summary>
    public static AlertCheck ForNoise(string districtId, DateTimeOffset at, NoiseAssessment assessment, string? deviceId = null) =>
        new(new AlertKey(AlertKind.NoiseOverLimit, districtId, deviceId, NoiseSubject), at, assessment.Level, assessment.Limit);

    /// <summary>Silence against the online window, in minutes, and, for an online device, its count of invalid
    /// quantities against zero. A device that said goodbye is alerted only once its silence exceeds the window, so a
    /// restart raises nothing.</summary>
    public static IEnumerable<AlertCheck> ForDevice(DeviceCondition device, DateTimeOffset at, NetworkHealthOptions? options = null)
    {
        options ??= NetworkHealthOptions.Default;
        if (device.SilentFor is { } silence)
        {
            yield return new AlertCheck(new AlertKey(AlertKind.DeviceOffline, device.DistrictId, device.DeviceId), at,
                silence.TotalMinutes, options.OnlineWindow.TotalMinutes);
        }
        if (device.Online)
        {
            yield return new AlertCheck(new AlertKey(AlertKind.DeviceFaulty, device.DistrictId, device.DeviceId), at, device.Faulty.Count, 0);
        }
    }
}
