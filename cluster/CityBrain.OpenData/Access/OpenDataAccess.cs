using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace CityBrain.OpenData.Access;

/// <summary>Public datasets for anyone; the rest for any signed-in person or API token with a role. The host signs in
/// only accounts and tokens whose role it knows, so "authenticated with a role" is exactly the host's view policy.</summary>
public sealed class OpenDataAccess(IOptions<OpenDataAccessOptions> options) : IOpenDataAccess
{
    private readonly IReadOnlySet<OpenDataset> _public = options.Value.PublicDatasets();

    public bool MayRead(ClaimsPrincipal caller, OpenDataset dataset) =>
        _public.Contains(dataset) || (caller.Identity?.IsAuthenticated == true && caller.HasClaim(c => c.Type == ClaimTypes.Role));

    public string Refusal(OpenDataset dataset) =>
        $"{Describe(dataset)} ({dataset}) may be read only when signed in or with an API token; " +
        $"without one, this city brain shares {(_public.Count == 0 ? "nothing" : string.Join(", ", _public.Order()))}";

    private static string Describe(OpenDataset dataset) => dataset switch
    {
        OpenDataset.Aggregates => "district and city aggregates",
        OpenDataset.DeviceHourly => "devices' hourly means",
        OpenDataset.DeviceRaw => "devices' raw reports",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };
}
