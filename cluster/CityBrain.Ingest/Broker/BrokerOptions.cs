namespace CityBrain.Ingest.Broker;

public sealed class BrokerOptions
{
    public const string Section = "Broker";

    public int Port { get; set; } = 1883;

    /// <summary>Loopback by default so a demo exposes nothing; set 0.0.0.0 where real gateways connect over the network.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>When set, a device whose password is <c>DerivedPassword.For(FleetSecret, deviceId)</c> may connect
    /// without provisioning: for simulated cities only.</summary>
    public string? FleetSecret { get; set; }

    /// <summary>Non-device clients (benchmarks, a counting subscriber, a standalone bridge): user name to password.
    /// They may publish and subscribe under any CityBrain topic.</summary>
    public Dictionary<string, string> ServiceAccounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The broker drops the oldest queued QoS 1 message of a subscriber beyond this many; size it for the slowest one.</summary>
    public int MaxPendingMessagesPerClient { get; set; } = 100_000;
}
