using System.Net;

namespace CityBrain.Host.Hosting;

/// <summary>How a silo finds the others when <see cref="CityBrainOptions.Mode"/> is <see cref="HostMode.Cluster"/>:
/// membership in Redis, under one cluster id shared by every silo of the city (or province).</summary>
public sealed class ClusterMembershipSettings
{
    public const string Section = "Cluster";

    /// <summary>StackExchange.Redis configuration string of the membership server, e.g. <c>10.0.0.5:6379,password=…</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>Silos with the same cluster id form one cluster; a second city brain on the same Redis uses another.</summary>
    public string ClusterId { get; set; } = "citybrain";

    /// <summary>Stays the same across deployments; Orleans keys stored state by it.</summary>
    public string ServiceId { get; set; } = "citybrain";

    /// <summary>The address other silos reach this one on; loopback only suits a cluster on one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The problems that stop a silo from joining, each naming its setting; empty when it can start.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Redis))
        {
            yield return $"{Section}:Redis is not set: cluster mode keeps its membership in Redis (e.g. --{Section}:Redis=127.0.0.1:6379)";
        }
        else
        {
            string? error = null;
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(Redis);
            }
            catch (ArgumentException ex)
            {
                error = ex.Message;
            }
            if (error is not null) yield return $"{Section}:Redis '{Redis}' is not a Redis configuration string: {error}";
        }
        if (!IPAddress.TryParse(AdvertisedAddress, out _)) yield return $"{Section}:AdvertisedAddress '{AdvertisedAddress}' is not an IP address";
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return $"{Section}:ClusterId is empty";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return $"{Section}:ServiceId is empty";
    }
}
