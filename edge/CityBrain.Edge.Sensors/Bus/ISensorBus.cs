using System.Device.I2c;

namespace CityBrain.Edge.Sensors.Bus;

/// <summary>Where drivers get their connections: the Pi's real buses, or emulated chips that run the same drivers.</summary>
public interface ISensorBus
{
    /// <summary>A connection to the chip at <paramref name="address"/>. Like the kernel's, it succeeds whether or not a
    /// chip answers there; a missing chip shows on the first transfer.</summary>
    /// <exception cref="Abstractions.SensorAbsentException">The bus itself is missing or not accessible.</exception>
    I2cDevice OpenI2c(int busId, int address);

    /// <summary>An open serial port, 8N1 at <paramref name="baudRate"/>; disposing the stream closes the port.</summary>
    /// <exception cref="Abstractions.SensorAbsentException">The port is missing, busy or not accessible.</exception>
    Stream OpenSerial(string port, int baudRate);
}
