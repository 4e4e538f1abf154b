using System.Net;

namespace CityBrain.Ingest.Broker;

/// <summary>The addresses <see cref="BrokerOptions.BindAddress"/> names: one IP address, or <c>localhost</c> for both
/// loopbacks. The broker binds exactly these and nothing else (MQTTnet's own listener would add every IPv6 address).</summary>
public static class BrokerAddresses
{
    public const string Localhost = "localhost";

    /// <summary>Empty when <paramref name="bindAddress"/> is neither an IP address nor <c>localhost</c>.</summary>
    public static IReadOnlyList<IPAddress> Parse(string bindAddress) =>
        bindAddress.Equals(Localhost, StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
        : IPAddress.TryParse(bindAddress, out var address) ? [address]
        : [];
}
