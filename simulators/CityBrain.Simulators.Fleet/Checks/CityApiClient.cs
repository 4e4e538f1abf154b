using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityBrain.Simulators.Fleet.Checks;

/// <summary>The parts of the cluster's cockpit API that the checks compare with the ground truth. Only the fields read
/// here are declared, so the cluster may add others freely.</summary>
public sealed class CityApiClient(HttpClient http)
{
    public async Task<CityView> CityAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("/api/city", ApiJsonContext.Default.CityView, cancellationToken)
        ?? throw new InvalidDataException("GET /api/city returned null");

    /// <summary>A district's hourly history of one metric from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<HistoryView> DistrictHoursAsync(string district, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var query = $"/api/districts/{Uri.EscapeDataString(district)}/history?metric={Uri.EscapeDataString(metric)}&step=hour"
            + $"&from={Uri.EscapeDataString(from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}";
        return await http.GetFromJsonAsync(query, ApiJsonContext.Default.HistoryView, cancellationToken)
            ?? throw new InvalidDataException($"GET {query} returned null");
    }

    /// <summary>Null when the cluster has never heard of the device (404).</summary>
    public async Task<DeviceView?> DeviceAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/devices/{Uri.EscapeDataString(id)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.DeviceView, cancellationToken);
    }
}

public sealed record CityView(IReadOnlyList<DistrictView> Districts);

public sealed record DistrictView(string Id, int DevicesOnline, IReadOnlyDictionary<string, QuantityView> Latest);

public sealed record QuantityView(double Value, string Unit, DateTimeOffset UpdatedAt, int? Devices);

public sealed record DeviceView(string Id, string District, long Accepted, long Duplicates, IReadOnlyDictionary<string, DeviceValueView> Latest);

public sealed record DeviceValueView(double? Value, string Unit, string Quality, DateTimeOffset UpdatedAt);

public sealed record HistoryView(string Metric, IReadOnlyList<HistoryPointView> Points);

/// <summary>One hour; no value is a gap. <see cref="Count"/> is how many gateways the mean covers.</summary>
public sealed record HistoryPointView(DateTimeOffset Time, double? Value, int Count);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CityView))]
[JsonSerializable(typeof(DeviceView))]
[JsonSerializable(typeof(HistoryView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
