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

    /// <summary>Largest MQTT packet (its remaining length) the broker reads. Checked on the fixed header, before the body
    /// is buffered, so an unauthenticated client cannot make the host allocate MQTT's 256 MB maximum.</summary>
    public int MaxPacketBytes { get; set; } = 64 * 1024;

    /// <summary>A client that has not sent its CONNECT by then is dropped, bounding how long an unauthenticated
    /// connection holds its buffers.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections from one source address; a gateway needs one, a NAT of many gateways more.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 200;

    /// <summary>New connections per second from one source address (the sustained rate of a token bucket).</summary>
    public double ConnectsPerSecondPerAddress { get; set; } = 20;

    /// <summary>Burst of new connections allowed from one source address, e.g. a NAT'd site coming back after an outage.</summary>
    public int ConnectBurstPerAddress { get; set; } = 200;

    /// <summary>Failed logins for one device id or one source address before further attempts are refused without a
    /// password check for a growing delay.</summary>
    public int FailedLoginsBeforeDelay { get; set; } = 5;

    /// <summary>The same for a source address, higher because many gateways may share one behind a NAT.</summary>
    public int FailedLoginsBeforeDelayPerAddress { get; set; } = 50;

    /// <summary>First delay after the allowance of failed logins; each further failure doubles it up to <see cref="MaxLoginDelay"/>.</summary>
    public TimeSpan LoginDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxLoginDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a password that verified is recognised without another PBKDF2 run.</summary>
    public TimeSpan VerifiedPasswordLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many recently verified passwords are remembered (one per device that connects).</summary>
    public int VerifiedPasswordCapacity { get; set; } = 100_000;
}
