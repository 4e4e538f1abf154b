using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Bh1750;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.Bh1750;

/// <summary>A BH1750FVI: one opcode per write (a write of two is refused), power states, MTreg, continuous and one-time
/// measurements with their typical times; a read returns the data register, which holds the previous result until a
/// measurement completes (the chip has no ready flag) and 0 after a reset.</summary>
public sealed class Bh1750Emulator(IAmbient ambient, TimeProvider time, int busId = 1, int address = Bh1750Sensor.DefaultAddress)
    : I2cChipEmulator(ambient, time, busId, address)
{
    private bool _powered;
    private int _mtreg;
    private ushort _data;
    private (Bh1750Resolution Resolution, bool OneTime, DateTimeOffset Start)? _measuring;
    private long _completed;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        _powered = false;
        _mtreg = Bh1750Commands.DefaultMeasurementTime;
        _data = 0;
        _measuring = null;
    }

    protected override void OnWrite(ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        if (data.Length != 1) throw Nack($"{data.Length} bytes in one write: the chip takes one opcode per write");
        Update(now);
        var opcode = data[0];
        switch (opcode)
        {
            case Bh1750Commands.PowerDown:
                _powered = false;
                _measuring = null;
                break;
            case Bh1750Commands.PowerOn:
                _powered = true;
                break;
            case Bh1750Commands.Reset:
                if (_powered) _data = 0;
                break;
            case >= 0x40 and <= 0x47:
                _mtreg = (_mtreg & 0x1F) | (opcode & 0x07) << 5;
                break;
            case >= 0x60 and <= 0x7F:
                _mtreg = (_mtreg & 0xE0) | (opcode & 0x1F);
                break;
            default:
                var mode = Bh1750Commands.ModeOf(opcode) ?? throw Nack($"unknown opcode 0x{opcode:X2}");
                _powered = true;
                _measuring = (mode.Resolution, mode.OneTime, now);
                _completed = 0;
                break;
        }
    }

    protected override void OnRead(Span<byte> buffer, DateTimeOffset now)
    {
        Update(now);
        if (buffer.Length > 0) buffer[0] = (byte)(_data >> 8);
        if (buffer.Length > 1) buffer[1] = (byte)_data;
    }

    private void Update(DateTimeOffset now)
    {
        if (_measuring is not { } m) return;
        var duration = Bh1750Commands.TypicalWait(m.Resolution, _mtreg) + Faults.ExtraDelay;
        var completed = (now - m.Start).Ticks / duration.Ticks;
        if (completed <= _completed) return;
        _completed = completed;
        var at = m.Start + duration * completed;
        var count = Measure(Quantity.Illuminance, at) * Bh1750Commands.CountsPerLux(m.Resolution, _mtreg);
        _data = (ushort)Math.Clamp(Math.Round(count), 0, ushort.MaxValue);
        if (m.OneTime)
        {
            _measuring = null;
            _powered = false;
        }
    }
}
