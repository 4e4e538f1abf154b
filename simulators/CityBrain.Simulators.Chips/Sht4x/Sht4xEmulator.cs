using System.Device.I2c;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Simulators.Chips.Faults;

namespace CityBrain.Simulators.Chips.Sht4x;

/// <summary>An SHT4x on the I2C bus: 8-bit commands, answers of CRC-protected words that become readable only once
/// the measurement time has passed (a read before that is NACKed, as on the real chip), fed from a physical source.</summary>
public sealed class Sht4xEmulator(
    Func<DateTimeOffset, (double Temperature, double Humidity)> source,
    TimeProvider time,
    int busId = 1,
    int address = Sht4xSensor.DefaultAddress,
    uint serialNumber = 0x1234ABCD) : I2cDevice
{
    private byte[]? _pending;
    private DateTimeOffset _readyAt;
    private (ushort T, ushort RH)? _stuck;

    public ChipFaults Faults { get; } = new();

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    /// <summary>The raw words the chip produces for a physical value (the inverse of the datasheet conversion).</summary>
    public static (ushort T, ushort RH) Raw(double temperature, double humidity) => (
        (ushort)Math.Clamp(Math.Round((temperature + 45) * 65535 / 175), 0, 65535),
        (ushort)Math.Clamp(Math.Round((humidity + 6) * 65535 / 125), 0, 65535));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Faults.ThrowIfUnreachable();
        if (buffer.Length != 1) throw new IOException($"SHT4x takes 1-byte commands, got {buffer.Length} bytes");
        var command = buffer[0];
        var now = time.GetUtcNow();
        switch (command)
        {
            case Sht4xCommands.MeasureHigh or Sht4xCommands.MeasureMedium or Sht4xCommands.MeasureLow:
                var precision = command switch
                {
                    Sht4xCommands.MeasureHigh => Sht4xPrecision.High,
                    Sht4xCommands.MeasureMedium => Sht4xPrecision.Medium,
                    _ => Sht4xPrecision.Low,
                };
                var (t, rh) = source(now);
                var raw = Raw(t, rh);
                if (Faults.Stuck) raw = _stuck ??= raw;
                else _stuck = null;
                Answer([raw.T, raw.RH], now + Sht4xCommands.MeasureTime(precision) * 0.8 + Faults.ExtraDelay);
                break;
            case Sht4xCommands.ReadSerial:
                Answer([(ushort)(serialNumber >> 16), (ushort)serialNumber], now + TimeSpan.FromMilliseconds(1) + Faults.ExtraDelay);
                break;
            case Sht4xCommands.SoftReset:
                _pending = null;
                break;
            default:
                throw new IOException($"SHT4x NACKs unknown command 0x{command:X2}");
        }
    }

    public override void Read(Span<byte> buffer)
    {
        Faults.ThrowIfUnreachable();
        if (_pending is null || time.GetUtcNow() < _readyAt) throw new IOException("Remote I/O error (SHT4x NACK: no data ready)");
        _pending.AsSpan(0, Math.Min(buffer.Length, _pending.Length)).CopyTo(buffer);
        _pending = null;
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Answer(ReadOnlySpan<ushort> words, DateTimeOffset readyAt)
    {
        var answer = new byte[words.Length * 3];
        for (var i = 0; i < words.Length; i++) SensirionCrc.WriteWord(answer.AsSpan(i * 3), words[i]);
        if (Faults.CorruptChecksum) answer[^1] ^= 0x5A;
        _pending = answer;
        _readyAt = readyAt;
    }
}
