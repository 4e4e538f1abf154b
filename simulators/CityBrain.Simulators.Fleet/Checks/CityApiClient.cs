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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CityView))]
[JsonSerializable(typeof(DeviceView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
