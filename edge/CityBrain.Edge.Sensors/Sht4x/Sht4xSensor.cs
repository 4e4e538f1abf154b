using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Sht4x;

/// <summary>Sensirion SHT40/41/43/45 temperature and humidity sensor on I2C (8-bit commands, CRC-checked words, no
/// clock stretching: the driver waits the measurement time, then reads, and retries once if the chip NACKs).</summary>
public sealed class Sht4xSensor(I2cDevice device, string name, TimeProvider time, Sht4xPrecision precision = Sht4xPrecision.High)
    : ISensor
{
    public const int DefaultAddress = 0x44;

    /// <summary>The datasheet's operating range; a value outside it is not a reading the chip can make.</summary>
    private const double MinTemperature = -40, MaxTemperature = 125;

    public string Name => name;

    public string Model => "SHT4x";

    public IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Temperature, Quantity.Humidity];

    public async ValueTask<SensorIdentity> IdentifyAsync(CancellationToken cancellationToken)
    {
        var response = await CommandAsync(Sht4xCommands.ReadSerial, Sht4xCommands.SerialTime, cancellationToken);
        var serial = (uint)Word(response, 0) << 16 | Word(response, 1);
        return new SensorIdentity(Model, SerialNumber: serial.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask<IReadOnlyList<SensorSample>> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await CommandAsync(Sht4xCommands.Measure(precision), Sht4xCommands.MeasureTime(precision), cancellationToken);
        var temperature = Sht4xCommands.Temperature(Word(response, 0));
        if (temperature is < MinTemperature or > MaxTemperature)
        {
            throw new SensorRangeException(name, $"temperature {temperature:F2} °C is outside the chip's range {MinTemperature}..{MaxTemperature} °C");
        }
        return [new SensorSample(Quantity.Temperature, temperature), new SensorSample(Quantity.Humidity, Sht4xCommands.Humidity(Word(response, 1)))];
    }

    public void Dispose() => device.Dispose();

    private ushort Word(byte[] response, int index) =>
        SensirionCrc.ReadWord(response, index) ?? throw new SensorChecksumException(name, $"CRC mismatch in word {index} ({Convert.ToHexString(response)})");

    /// <summary>Sends a command and reads the 6-byte answer after its measurement time. A NACK on the command means
    /// nobody answers at the address; a NACK on the read means the answer was not ready, which gets one more wait.</summary>
    private async Task<byte[]> CommandAsync(byte command, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            device.WriteByte(command);
        }
        catch (IOException ex)
        {
            throw new SensorAbsentException(name, $"no answer at I2C address 0x{device.ConnectionSettings.DeviceAddress:X2} on bus {device.ConnectionSettings.BusId}: check wiring and address", ex);
        }
        var response = new byte[6];
        for (var attempt = 0; ; attempt++)
        {
            await Task.Delay(wait, time, cancellationToken);
            try
            {
                device.Read(response);
                return response;
            }
            catch (IOException) when (attempt == 0)
            {
                // Not ready yet: a slow or cold chip gets one more measurement time.
            }
            catch (IOException ex)
            {
                throw new SensorNackException(name, $"no data {2 * wait.TotalMilliseconds} ms after command 0x{command:X2}", ex);
            }
        }
    }
}
