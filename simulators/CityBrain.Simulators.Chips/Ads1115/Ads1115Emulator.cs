using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Ads1115.Ads1115Registers;

namespace CityBrain.Simulators.Chips.Ads1115;

/// <summary>An ADS1115: pointer and the four registers, single-shot conversions that take 1/DR (OS reads 0 meanwhile),
/// continuous conversions, the multiplexer (differential or single-ended) and the gain's clipping. Its four inputs
/// are voltage sources, e.g. an analog front end from <see cref="Analog"/>.</summary>
public sealed class Ads1115Emulator : I2cChipEmulator
{
    private readonly Func<DateTimeOffset, double>[] _inputs = [_ => 0, _ => 0, _ => 0, _ => 0];
    private byte _pointer;
    private ushort _config, _conversion, _low, _high;
    private DateTimeOffset? _conversionEnds;
    private DateTimeOffset? _continuousStart;
    private long _continuousDone;

    public Ads1115Emulator(IAmbient ambient, TimeProvider time, int busId = 1, int address = 0x48)
        : base(ambient, time, busId, address)
    {
    }

    /// <summary>Wires a voltage source (volts against GND) to input 0..3.</summary>
    public Ads1115Emulator Wire(int channel, Func<DateTimeOffset, double> volts)
    {
        _inputs[channel] = volts;
        return this;
    }

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        _pointer = Conversion;
        _config = ConfigAfterReset;
        _conversion = 0;
        (_low, _high) = (LowThresholdAfterReset, HighThresholdAfterReset);
        _conversionEnds = _continuousStart = null;
    }

    protected override void OnWrite(ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        Update(now);
        if (data.Length == 0) return;
        _pointer = (byte)(data[0] & 0b11);
        if (data.Length == 1) return;
        if (data.Length != 3) throw Nack($"a register write is pointer and two bytes, not {data.Length} bytes");
        var value = (ushort)(data[1] << 8 | data[2]);
        switch (_pointer)
        {
            case Config:
                WriteConfig(value, now);
                break;
            case LowThreshold:
                _low = value;
                break;
            case HighThreshold:
                _high = value;
                break;
        }
    }

    protected override void OnRead(Span<byte> buffer, DateTimeOffset now)
    {
        Update(now);
        var value = _pointer switch
        {
            Conversion => _conversion,
            Config => (ushort)(_conversionEnds is null ? _config | OperationalStatus : _config & ~OperationalStatus),
            LowThreshold => _low,
            _ => _high,
        };
        if (buffer.Length > 0) buffer[0] = (byte)(value >> 8);
        if (buffer.Length > 1) buffer[1] = (byte)value;
    }

    private void WriteConfig(ushort value, DateTimeOffset now)
    {
        _config = (ushort)(value & ~OperationalStatus);
        var conversion = ConversionTime(RateOf(value)) + Faults.ExtraDelay;
        if (IsSingleShot(value))
        {
            _continuousStart = null;
            if ((value & OperationalStatus) != 0 && _conversionEnds is null) _conversionEnds = now + conversion;
        }
        else
        {
            _conversionEnds = null;
            _continuousStart = now;
            _continuousDone = 0;
        }
    }

    private void Update(DateTimeOffset now)
    {
        if (_conversionEnds is { } end && now >= end)
        {
            _conversion = (ushort)Convert(end);
            _conversionEnds = null;
        }
        if (_continuousStart is { } start)
        {
            var period = ConversionTime(RateOf(_config)) + Faults.ExtraDelay;
            var done = (now - start).Ticks / period.Ticks;
            if (done > _continuousDone)
            {
                _continuousDone = done;
                _conversion = (ushort)Convert(start + period * done);
            }
        }
    }

    private short Convert(DateTimeOffset at)
    {
        double Input(int channel) => Faults.Observe($"AIN{channel}", _inputs[channel](at));
        var volts = InputOf(_config) switch
        {
            Ads1115Input.Ain0Ain1 => Input(0) - Input(1),
            Ads1115Input.Ain0Ain3 => Input(0) - Input(3),
            Ads1115Input.Ain1Ain3 => Input(1) - Input(3),
            Ads1115Input.Ain2Ain3 => Input(2) - Input(3),
            var single => Input(single - Ads1115Input.Ain0),
        };
        return Code(volts, RangeOf(_config));
    }
}
