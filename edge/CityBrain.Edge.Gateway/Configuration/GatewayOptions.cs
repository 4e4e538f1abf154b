using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;

namespace CityBrain.Edge.Configuration;

/// <summary>Everything a gateway needs to know about itself: the <c>Gateway</c> section of its configuration, written
/// by <c>citybrain-edge provision</c> and checked by <see cref="GatewayOptionsValidator"/>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    public string DeviceId { get; set; } = "";

    public string District { get; set; } = "";

    /// <summary>The monitoring site's name, as the bureau calls it (e.g. 奥体中心).</summary>
    public string? Site { get; set; }

    /// <summary>Where the gateway stands, as the technician recorded it.</summary>
    public PositionOptions? Position { get; set; }

    /// <summary>The site as the health report announces it; null when neither name nor position was recorded.</summary>
    public Contracts.Payloads.Site? SiteReport() =>
        Site is null && Position is null ? null : new Contracts.Payloads.Site(Site, Position?.Latitude, Position?.Longitude);

    /// <summary>The outbox, the kept cluster configuration and the status file live here.</summary>
    public string DataDirectory { get; set; } = "/var/lib/citybrain-edge";

    /// <summary>Length of the report window one telemetry message summarises; whole seconds.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Default sampling interval, for sensors without one of their own.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a gateway publishes its health; simulated gateways keep the same cadence.</summary>
    public static readonly TimeSpan DefaultHealthInterval = TimeSpan.FromMinutes(1);

    public TimeSpan HealthInterval { get; set; } = DefaultHealthInterval;

    /// <summary>How often the status file for <c>citybrain-edge status</c> is rewritten.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    public BrokerOptions Broker { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    public List<SensorOptions> Sensors { get; set; } = [];

    /// <exception cref="ConfigurationException">A broker endpoint is not host:port (options not validated).</exception>
    public LinkOptions Link() => new(DeviceId, District, Broker.Addresses(), Broker.Password)
    {
        RefusedRetry = Broker.RefusedRetry,
        Tls = Broker.Tls.Enabled ? Broker.Tls.Link(TimeProvider.System) : null,
    };

    public PumpOptions Pump() => new() { MaxInFlight = Broker.MaxInFlight };
}

public sealed class PositionOptions
{
    public double Latitude { get; set; }

    public double Longitude { get; set; }
}

/// <summary>Where the cluster's brokers are: one address in <see cref="Host"/> and <see cref="Port"/> (a single node, or a
/// TCP proxy in front of every node), or each node's broker in <see cref="Endpoints"/>, between which the gateway fails
/// over. Neither given: 127.0.0.1:1883.</summary>
public sealed class BrokerOptions
{
    public const string DefaultHost = "127.0.0.1";

    public string? Host { get; set; }

    public int? Port { get; set; }

    /// <summary>Every node's broker as host:port, instead of <see cref="Host"/> and <see cref="Port"/>. The gateway
    /// starts at one of its own choosing and moves to the next when one fails.</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>MQTT over TLS; with it, <see cref="Port"/> defaults to 8883.</summary>
    public BrokerTlsOptions Tls { get; set; } = new();

    /// <summary>The gateway's own password from provisioning; its user name is its device id. It may stay empty when a
    /// device certificate (<see cref="BrokerTlsOptions.ClientCertificateFile"/>) logs the gateway in.</summary>
    public string Password { get; set; } = "";

    /// <summary>QoS 1 publishes awaiting their PUBACK at once while the outbox drains.</summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Wait between connects after the broker refused the credentials.</summary>
    public TimeSpan RefusedRetry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The brokers as configured: <see cref="Endpoints"/>, or <see cref="Host"/> and <see cref="Port"/> as a list of one.</summary>
    /// <exception cref="ConfigurationException">An endpoint is not host:port.</exception>
    public IReadOnlyList<BrokerAddress> Addresses()
    {
        if (Endpoints.Count == 0) return [new BrokerAddress(Host ?? DefaultHost, Port ?? (Tls.Enabled ? LinkTls.MqttsPort : BrokerAddress.MqttPort))];
        return [.. Endpoints.Select((text, i) => BrokerAddress.TryParse(text, null, out var address, out var problem)
            ? address
            : throw new ConfigurationException(GatewayOptionsValidator.EndpointProblem(i, text, problem)))];
    }
}

/// <summary>One sensor: the chip on its bus or port with its settings, as the sensor library takes them, and how the
/// sampler treats it.</summary>
public sealed class SensorOptions : Sensors.Configuration.SensorOptions
{
    /// <summary>Read a register-level emulator instead of the bus: the real driver runs without hardware.</summary>
    public bool Emulated { get; set; }

    /// <summary>This sensor's sampling interval, if it differs from the gateway's.</summary>
    public TimeSpan? SampleInterval { get; set; }

    /// <summary>Samples taken this soon after start are invalid (fan spin-up, heater pre-heat).</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.Zero;

    public CalibrationOptions? Calibration { get; set; }

    /// <summary>Overrides of the plausibility limits, by quantity wire name (e.g. <c>pm2_5</c>).</summary>
    public Dictionary<string, LimitOptions> Limits { get; set; } = [];

    /// <summary>Share of failed checksums in a window above which its values are suspect.</summary>
    public double MaxChecksumErrorRate { get; set; } = 0.1;
}

/// <summary>reported = raw · Factor + Offset, from the last field calibration.</summary>
public sealed class CalibrationOptions
{
    /// <summary>Wire name of the corrected quantity; may be left out for a sensor that measures one quantity.</summary>
    public string? Quantity { get; set; }

    public double Offset { get; set; }

    public double Factor { get; set; } = 1;

    public DateOnly? Date { get; set; }
}

public sealed class LimitOptions
{
    public double? Min { get; set; }

    public double? Max { get; set; }

    public double? MaxJump { get; set; }

    public int? StuckAfter { get; set; }
}
