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
    /// <summary>Every district of the region tree, as the regions just above them list them.</summary>
    public async Task<CityView> CityAsync(CancellationToken cancellationToken)
    {
        var tree = await http.GetFromJsonAsync("/api/regions", ApiJsonContext.Default.TreeView, cancellationToken)
            ?? throw new InvalidDataException("GET /api/regions returned null");
        var districts = new List<DistrictView>();
        foreach (var parent in ParentsOfDistricts(tree.Root))
        {
            var region = await http.GetFromJsonAsync($"/api/regions/{Uri.EscapeDataString(parent)}", ApiJsonContext.Default.RegionView, cancellationToken)
                ?? throw new InvalidDataException($"GET /api/regions/{parent} returned null");
            districts.AddRange(region.Children.Where(c => c.Leaf));
        }
        return new CityView(districts);
    }

    private static IEnumerable<string> ParentsOfDistricts(TreeNodeView node) =>
        node.Children.Any(c => c.Children.Count == 0) ? [node.Id, .. node.Children.SelectMany(ParentsOfDistricts)] : node.Children.SelectMany(ParentsOfDistricts);

    /// <summary>A district's hourly history of one metric from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<HistoryView> DistrictHoursAsync(string district, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var query = $"/api/regions/{Uri.EscapeDataString(district)}/history?metric={Uri.EscapeDataString(metric)}&step=hour"
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

public sealed record DistrictView(string Id, bool Leaf, int DevicesOnline, IReadOnlyDictionary<string, QuantityView> Latest);

public sealed record TreeView(TreeNodeView Root);

public sealed record TreeNodeView(string Id, IReadOnlyList<TreeNodeView> Children);

public sealed record RegionView(IReadOnlyList<DistrictView> Children);

public sealed record QuantityView(double Value, string Unit, DateTimeOffset UpdatedAt, int? Devices);

public sealed record DeviceView(string Id, string District, long Accepted, long Duplicates, IReadOnlyDictionary<string, DeviceValueView> Latest);

public sealed record DeviceValueView(double? Value, string Unit, string Quality, DateTimeOffset UpdatedAt);

public sealed record HistoryView(string Metric, IReadOnlyList<HistoryPointView> Points);

/// <summary>One hour; no value is a gap. <see cref="Count"/> is how many gateways the mean covers.</summary>
public sealed record HistoryPointView(DateTimeOffset Time, double? Value, int Count);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TreeView))]
[JsonSerializable(typeof(RegionView))]
[JsonSerializable(typeof(DeviceView))]
[JsonSerializable(typeof(HistoryView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
