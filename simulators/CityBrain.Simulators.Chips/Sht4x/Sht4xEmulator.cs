using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.Sht4x;

/// <summary>An SHT4x: 8-bit commands, answers readable after the measurement time (a heater command heats the chip,
/// so its own measurement reads warmer and drier than the air).</summary>
public sealed class Sht4xEmulator(
    IAmbient ambient,
    TimeProvider time,
    int busId = 1,
    int address = Sht4xSensor.DefaultAddress,
    uint serialNumber = 0x1234ABCD) : SensirionChipEmulator(ambient, time, busId, address, commandBytes: 1)
{
    /// <summary>How much warmer a heater pulse leaves the chip per 100 mW and second of heating; a model, not a datasheet value.</summary>
    private const double HeatingPerWattSecond = 100;

    /// <summary>A soft reset makes the chip deaf for a moment.</summary>
    private DateTimeOffset _busyUntil;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        ClearAnswer();
        _busyUntil = poweredAt + TimeSpan.FromMilliseconds(1);
    }

    protected override void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        if (now < _busyUntil) throw Nack("starting up");
        var code = (byte)command;
        if (Sht4xCommands.PrecisionOf(code) is { } precision)
        {
            // Real chips finish well inside the driver's wait; 80 % of it leaves margin for a slow-chip fault.
            AnswerMeasurement(now, Sht4xCommands.MeasureTime(precision) * 0.8, heating: 0);
        }
        else if (Sht4xCommands.HeaterOf(code) is { } heater)
        {
            var pulse = Sht4xCommands.PulseLength(heater);
            AnswerMeasurement(now, pulse, HeatingPerWattSecond * Sht4xCommands.HeaterPower(heater) * pulse.TotalSeconds);
        }
        else if (code == Sht4xCommands.ReadSerial)
        {
            Answer(now + TimeSpan.FromMilliseconds(1), (ushort)(serialNumber >> 16), (ushort)serialNumber);
        }
        else if (code == Sht4xCommands.SoftReset)
        {
            PowerUp(now);
        }
        else
        {
            throw Nack($"unknown command 0x{code:X2}");
        }
    }

    private void AnswerMeasurement(DateTimeOffset now, TimeSpan duration, double heating)
    {
        var air = Measure(Quantity.Temperature, now);
        var humidity = Psychrometry.RelativeHumidityAt(Measure(Quantity.Humidity, now), air, air + heating);
        var temperature = air + heating;
        Answer(now + duration, SensirionTicks.FromTemperature(temperature), Sht4xCommands.FromHumidity(humidity));
    }
}
