using CityBrain.Edge.Sensors.Bh1750;
using CityBrain.Edge.Sensors.Bme280;
using CityBrain.Edge.Sensors.GasCells;
using CityBrain.Edge.Sensors.MhZ19b;
using CityBrain.Edge.Sensors.Pms5003;
using CityBrain.Edge.Sensors.Scd4x;
using CityBrain.Edge.Sensors.Sds011;
using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Edge.Sensors.Sen66;
using CityBrain.Edge.Sensors.Sgp41;
using CityBrain.Edge.Sensors.Sht3x;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Edge.Sensors.SoundLevel;
using CityBrain.Edge.Sensors.Sps30;

namespace CityBrain.Edge.Sensors.Configuration;

/// <summary>One sensor of a gateway as configured, e.g. <c>{ "Type": "bme280", "Address": 118, "Bme280": { "Mode":
/// "Normal" } }</c>. Chip settings live in the section named after the chip; only that section may be given. The
/// gateway extends it with how it samples the sensor.</summary>
public class SensorOptions
{
    /// <summary>Name in readings and health; defaults to <c>type@bus:0xaddress</c> or <c>type@port</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The driver: see <see cref="SensorCatalog.Kinds"/> (bme280, sht3x, sht4x, scd4x, pms5003, sds011,
    /// mhz19b, ads1115-noise, ads1115-gas, bh1750,
    /// sen5x, sen66, sps30, sps30-uart,
    /// sgp41).</summary>
    public string Type { get; set; } = "";

    /// <summary>I2C bus number (<c>/dev/i2c-N</c>).</summary>
    public int Bus { get; set; } = 1;

    /// <summary>I2C address, decimal in JSON (0x76 is 118); 0 takes the chip's usual address.</summary>
    public int Address { get; set; }

    /// <summary>Serial port of a UART sensor, e.g. <c>/dev/ttyAMA0</c> or <c>/dev/ttyUSB0</c>.</summary>
    public string? Port { get; set; }

    public Bme280Settings? Bme280 { get; set; }

    public Bh1750Settings? Bh1750 { get; set; }

    public Scd4xSettings? Scd4x { get; set; }

    /// <summary>Settings of an <c>ads1115-noise</c> sound-level meter.</summary>
    public SoundLevelSettings? Noise { get; set; }

    /// <summary>Settings of <c>ads1115-gas</c> electrochemical cells, with their calibration sheets.</summary>
    public GasCellSettings? Gas { get; set; }

    public Sht3xSettings? Sht3x { get; set; }

    public Sht4xSettings? Sht4x { get; set; }

    public Pms5003Settings? Pms5003 { get; set; }

    public Sds011Settings? Sds011 { get; set; }

    public MhZ19bSettings? MhZ19b { get; set; }

    public Sen5xSettings? Sen5x { get; set; }

    public Sen66Settings? Sen66 { get; set; }
    /// <summary>Settings of an SPS30 on either link (<c>sps30</c>, <c>sps30-uart</c>).</summary>
    public Sps30Settings? Sps30 { get; set; }

    public Sgp41Settings? Sgp41 { get; set; }

    /// <summary>Every chip section with its name, given or not.</summary>
    internal IEnumerable<(string Section, object? Settings)> Sections() =>
    [
        (nameof(Bme280), Bme280),
        (nameof(Bh1750), Bh1750),
        (nameof(Scd4x), Scd4x),
        (nameof(Noise), Noise),
        (nameof(Gas), Gas),
        (nameof(Sht3x), Sht3x),
        (nameof(Sht4x), Sht4x),
        (nameof(Pms5003), Pms5003),
        (nameof(Sds011), Sds011),
        (nameof(MhZ19b), MhZ19b),
        (nameof(Sen5x), Sen5x),
        (nameof(Sen66), Sen66),
        (nameof(Sps30), Sps30),
        (nameof(Sgp41), Sgp41),
    ];
}
