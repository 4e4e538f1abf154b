using System.ComponentModel.DataAnnotations;

namespace CityBrain.Host.Security;

/// <summary>What one HTTP client may ask of a node (section <c>Http</c>). The API's requests are small and the
/// cockpit keeps one live stream per open page, so these bound what a misbehaving or hostile client can take.</summary>
public sealed class HttpLimitsOptions
{
    public const string Section = "Http";

    /// <summary>The largest request body; a device configuration is a few hundred bytes.</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Live streams open at once from one address; a wall of screens behind one NAT address needs one each.</summary>
    [Range(1, 10_000)]
    public int StreamsPerAddress { get; set; } = 32;

    /// <summary>API requests per minute from one address, streams excepted.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerAddress { get; set; } = 6_000;

    /// <summary>Requests per minute to the open-data endpoints (SensorThings, exports) from one address without
    /// signing in: the public may read, but one scraper must not take the node from everyone else.</summary>
    [Range(1, 1_000_000)]
    public int OpenRequestsPerMinutePerAddress { get; set; } = 300;

    /// <summary>Requests per minute to the open-data endpoints by one signed-in account or API token, wherever it
    /// calls from: a department's tools behind one address do not share the public's allowance.</summary>
    [Range(1, 1_000_000)]
    public int OpenRequestsPerMinutePerCaller { get; set; } = 6_000;
}
