using System.Device.I2c;
using System.IO.Ports;
using CityBrain.Edge.Sensors.Abstractions;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Bus;

/// <summary>The Raspberry Pi's own buses: <c>/dev/i2c-N</c> through System.Device.Gpio and serial ports through
/// System.IO.Ports. Every way opening can fail becomes one sentence saying what is wrong and what to do.</summary>
/// <param name="logger">Says when a port's close had to be abandoned (<see cref="PortStream"/>).</param>
public sealed class HardwareSensorBus(ILogger<HardwareSensorBus>? logger = null) : ISensorBus
{
    /// <summary>Generous against a 9-byte answer at 9600 baud; the drivers keep their own, shorter deadlines.</summary>
    private static readonly TimeSpan PortTimeout = TimeSpan.FromSeconds(2);

    public I2cDevice OpenI2c(int busId, int address)
    {
        var path = $"/dev/i2c-{busId}";
        var location = $"{path} address 0x{address:X2}";
        if (!File.Exists(path))
        {
            throw new SensorAbsentException(location, $"{path} does not exist: enable I2C (raspi-config, Interface Options, I2C) or set Bus to an existing bus");
        }
        try
        {
            return I2cDevice.Create(new I2cConnectionSettings(busId, address));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SensorAbsentException(location, ex is UnauthorizedAccessException || ex.Message.Contains("Permission denied", StringComparison.Ordinal)
                ? $"no permission to open {path}: add the gateway's service user to the 'i2c' group"
                : $"cannot open {path} ({ex.Message}): check that the I2C driver is loaded", ex);
        }
    }

    public Stream OpenSerial(string port, int baudRate)
    {
        if (!File.Exists(port))
        {
            throw new SensorAbsentException(port, $"serial port {port} does not exist: enable the UART (raspi-config, Interface Options, Serial Port: no login shell, hardware on), plug the USB adapter in, or fix Port");
        }
        var serial = new SerialPort(port, baudRate, Parity.None, 8, StopBits.One)
        {
            ReadTimeout = (int)PortTimeout.TotalMilliseconds,
            WriteTimeout = (int)PortTimeout.TotalMilliseconds,
        };
        try
        {
            serial.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            serial.Dispose();
            // System.IO.Ports reports every failed open as "access denied"; the operating system's reason is inside.
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new SensorAbsentException(port, reason.Contains("Permission denied", StringComparison.Ordinal)
                ? $"no permission to open {port}: add the gateway's service user to the 'dialout' group"
                : $"cannot open {port} ({reason}): another process holds it (the serial console, ModemManager, a second gateway) or it is not a serial port", ex);
        }
        return new PortStream(serial.BaseStream, serial.Dispose, port, logger);
    }
}
