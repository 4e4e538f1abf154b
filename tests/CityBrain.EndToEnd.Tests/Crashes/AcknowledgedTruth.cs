using System.Globalization;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Indicators.Time;
using CityBrain.Testing;

namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>A device as <see cref="AcknowledgedTruth"/> reads it: every report it made, each knowing whether a PUBACK
/// came for it. A test's own <see cref="OutboxDevice"/>, or a real gateway whose outbox numbered the reports.</summary>
public interface IReportingDevice
{
    string DeviceId { get; }

    string District { get; }

    IReadOnlyList<PlannedReport> Reports { get; }
}

/// <summary>One number the API must show: a history point of a device, a district or the city.</summary>
/// <param name="Count">Readings in a device's hour; devices in a district's or the city's hour.</param>
public sealed record ExpectedPoint(string What, string Path, DateTimeOffset Hour, double? Value, int Count);

/// <summary>What the acknowledged reports imply, computed here from the reports themselves, independently of the
/// cluster's code: per device its accepted count and its hourly means, per district the mean of its devices' hourly
/// means, and for the city the mean over every device (energy means for sound levels).</summary>
public static class AcknowledgedTruth
{
    public const double Tolerance = 1e-6;

    /// <summary>An hour of one-minute windows is valid with 45 minutes of usable readings.</summary>
    private const int MinimumMinutes = 45;

    public static IReadOnlyList<ExpectedPoint> Points(IReadOnlyList<IReportingDevice> devices, IReadOnlyList<ClockHour> hours,
        IReadOnlyList<Quantity> quantities, bool withDevices = true)
    {
        var from = hours.Min(h => h.Start);
        var to = hours.Max(h => h.End);
        var points = new List<ExpectedPoint>();
        foreach (var quantity in quantities)
        {
            var metric = quantity.WireName();
            foreach (var hour in hours)
            {
                var means = devices.ToDictionary(d => d, d => DeviceMean(d, hour, quantity));
                if (withDevices)
                {
                    foreach (var device in devices)
                    {
                        var (value, count) = means[device];
                        points.Add(new ExpectedPoint($"device {device.DeviceId} {metric} {Show(hour)}",
                            History($"devices/{device.DeviceId}", metric, from, to), hour.Start, value, count));
                    }
                }
                foreach (var district in devices.Select(d => d.District).Distinct())
                {
                    var valid = devices.Where(d => d.District == district && means[d].Value is not null).Select(d => means[d].Value!.Value).ToList();
                    points.Add(new ExpectedPoint($"district {district} {metric} {Show(hour)}", History($"regions/{district}", metric, from, to),
                        hour.Start, Mean(quantity, valid), valid.Count));
                }
                var all = devices.Where(d => means[d].Value is not null).Select(d => means[d].Value!.Value).ToList();
                points.Add(new ExpectedPoint($"city {metric} {Show(hour)}", History("regions/demo-city", metric, from, to), hour.Start, Mean(quantity, all), all.Count));
            }
        }
        return points;
    }

    /// <summary>The device's hourly mean from its acknowledged reports, null below 45 minutes, with its reading count.</summary>
    public static (double? Value, int Count) DeviceMean(IReportingDevice device, ClockHour hour, Quantity quantity)
    {
        var values = device.Reports
            .Where(r => r.Acknowledged && hour.Contains(r.WindowStart))
            .SelectMany(r => r.Readings.Where(x => x.Quantity == quantity).Select(x => x.Value!.Value))
            .ToList();
        return (values.Count >= MinimumMinutes ? Mean(quantity, values) : null, values.Count);
    }

    public static double? Mean(Quantity quantity, IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return null;
        return quantity == Quantity.Noise ? 10 * Math.Log10(values.Average(v => Math.Pow(10, v / 10))) : values.Average();
    }

    /// <summary>Every difference between what the API shows now and what it must show, as sentences; empty when
    /// everything agrees.</summary>
    public static async Task<IReadOnlyList<string>> MismatchesAsync(HostProcess host, IReadOnlyList<IReportingDevice> devices, IReadOnlyList<ExpectedPoint> expected)
    {
        var (accepted, histories) = await ObserveAsync(host, devices, expected);
        var mismatches = new List<string>();
        foreach (var device in devices)
        {
            var want = device.Reports.Count(r => r.Acknowledged);
            if (accepted[device.DeviceId] != want) mismatches.Add($"device {device.DeviceId}: accepted {accepted[device.DeviceId]?.ToString() ?? "(unknown)"}, acknowledged {want}");
        }
        foreach (var point in expected)
        {
            var actual = Find(histories[point.Path], point.Hour);
            if (!Agrees(point, actual)) mismatches.Add($"{point.What}: API {Show(actual)}, expected {Show(point.Value)} over {point.Count}");
        }
        return mismatches;
    }

    /// <summary>Polls until the API agrees with the acknowledged reports or <paramref name="timeout"/> passed; returns
    /// what still disagreed (empty when everything settled). The caller asserts afterwards, whatever this returned.</summary>
    public static async Task<IReadOnlyList<string>> SettleAsync(HostProcess host, IReadOnlyList<IReportingDevice> devices,
        IReadOnlyList<ExpectedPoint> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<string> mismatches;
        do
        {
            mismatches = await MismatchesAsync(host, devices, expected);
            if (mismatches.Count == 0) return mismatches;
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return mismatches;
    }

    /// <summary>Asserts, one by one, that the API shows exactly what the acknowledged reports imply.</summary>
    public static async Task AssertAgreesAsync(HostProcess host, IReadOnlyList<IReportingDevice> devices, IReadOnlyList<ExpectedPoint> expected)
    {
        var (accepted, histories) = await ObserveAsync(host, devices, expected);
        foreach (var device in devices)
        {
            Assert.True(device.Reports.All(r => r.Acknowledged), $"device {device.DeviceId} has reports without a PUBACK");
            Assert.Equal((long?)device.Reports.Count, accepted[device.DeviceId]);
        }
        foreach (var point in expected)
        {
            var actual = Find(histories[point.Path], point.Hour);
            Assert.True(actual is not null, $"{point.What}: the API has no point for the hour");
            if (point.Value is { } value)
            {
                Assert.True(actual.Value is { } v && Math.Abs(v - value) <= Tolerance, $"{point.What}: API {Show(actual)}, expected {Show(value)}");
                Assert.True(actual.Count == point.Count, $"{point.What}: API counts {actual.Count}, expected {point.Count}");
            }
            else
            {
                Assert.True(actual.Value is null, $"{point.What}: API {Show(actual)}, expected no valid value");
            }
        }
    }

    private static async Task<(Dictionary<string, long?> Accepted, Dictionary<string, HistoryResponse?> Histories)> ObserveAsync(
        HostProcess host, IReadOnlyList<IReportingDevice> devices, IReadOnlyList<ExpectedPoint> expected)
    {
        var accepted = new Dictionary<string, long?>();
        foreach (var device in devices)
        {
            using var response = await host.Http.GetAsync($"/api/devices/{device.DeviceId}");
            accepted[device.DeviceId] = response.IsSuccessStatusCode
                ? (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<DeviceResponse>(response.Content))!.Accepted
                : null;
        }
        var histories = new Dictionary<string, HistoryResponse?>();
        foreach (var path in expected.Select(p => p.Path).Distinct())
        {
            using var response = await host.Http.GetAsync(path);
            histories[path] = response.IsSuccessStatusCode
                ? await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<HistoryResponse>(response.Content)
                : null;
        }
        return (accepted, histories);
    }

    private static HistoryPointResponse? Find(HistoryResponse? history, DateTimeOffset hour) =>
        history?.Points.SingleOrDefault(p => p.Time == hour);

    private static bool Agrees(ExpectedPoint point, HistoryPointResponse? actual) =>
        actual is not null && (point.Value is { } value
            ? actual.Value is { } v && Math.Abs(v - value) <= Tolerance && actual.Count == point.Count
            : actual.Value is null);

    public static string History(string scope, string metric, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/{scope}/history?metric={metric}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}" +
        $"&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}&step=hour";

    private static string Show(ClockHour hour) => hour.Label;

    private static string Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";

    private static string Show(HistoryPointResponse? point) => point is null ? "no point" : $"{Show(point.Value)} over {point.Count}";
}
