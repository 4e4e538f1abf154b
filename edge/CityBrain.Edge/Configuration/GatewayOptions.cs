using System.ComponentModel.DataAnnotations;

namespace CityBrain.Edge.Configuration;

/// <summary>Everything a gateway needs to know about itself; written by the technician's provisioning.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    [Required, RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$", ErrorMessage = "DeviceId must be 1-64 lower-case letters, digits, '-' or '_'")]
    public string DeviceId { get; set; } = "";

    [Required, RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$", ErrorMessage = "District must be 1-64 lower-case letters, digits, '-' or '_'")]
    public string District { get; set; } = "";

    /// <summary>The outbox and the sequence number live here; on a Pi, /var/lib/citybrain-edge.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Length of the report window whose samples one telemetry message summarises.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromMinutes(1);

    public BrokerOptions Broker { get; set; } = new();

    public List<SensorOptions> Sensors { get; set; } = [];
}

public sealed class BrokerOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The gateway's own password from provisioning; its user name is its device id.</summary>
    public string Password { get; set; } = "";
}

public sealed class SensorOptions
{
    /// <summary>Chip type: sht4x.</summary>
    [Required]
    public string Type { get; set; } = "";

    /// <summary>Defaults to type@bus:address.</summary>
    public string? Name { get; set; }

    public int Bus { get; set; } = 1;

    public int Address { get; set; }

    /// <summary>Read a register-level emulator instead of the bus: the real driver runs without hardware.</summary>
    public bool Emulated { get; set; }
}
