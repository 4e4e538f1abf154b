using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Chips.Faults;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.I2c;

/// <summary>An emulated I2C chip: a register map or command protocol behind <see cref="I2cDevice"/>, so the real driver
/// runs against it. The base applies the faults (an unplugged chip fails every transfer, a NACKing chip refuses
/// reads) and restarts the chip with its power-on state when it is plugged back in.</summary>
public abstract class I2cChipEmulator : I2cDevice
{
    private readonly Lock _gate = new();
    private int _powerCycles = -1;

    protected I2cChipEmulator(IAmbient ambient, TimeProvider time, int busId, int address)
    {
        Ambient = ambient;
        Time = time;
        Faults = new ChipFaults(time);
        ConnectionSettings = new I2cConnectionSettings(busId, address);
    }

    public ChipFaults Faults { get; }

    public override I2cConnectionSettings ConnectionSettings { get; }

    protected IAmbient Ambient { get; }

    protected TimeProvider Time { get; }

    public sealed override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            var now = Reachable();
            OnWrite(buffer, now);
        }
    }

    public sealed override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            var now = Reachable();
            if (Faults.Nack) throw Nack("emulated fault");
            OnRead(buffer, now);
        }
    }

    public sealed override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            Write(writeBuffer);
            Read(readBuffer);
        }
    }

    /// <summary>Puts the chip in its power-on state. The first call, before the first transfer, passes
    /// <see cref="DateTimeOffset.MinValue"/>: the chip has been powered long before anyone talked to it. Plugging it
    /// back in passes the time it got power again.</summary>
    protected abstract void PowerUp(DateTimeOffset poweredAt);

    protected abstract void OnWrite(ReadOnlySpan<byte> data, DateTimeOffset now);

    protected abstract void OnRead(Span<byte> buffer, DateTimeOffset now);

    /// <summary>What the chip measures of <paramref name="quantity"/> now (held while the chip is stuck).</summary>
    protected double Measure(Quantity quantity, DateTimeOffset at) => Faults.Observe(quantity.ToString(), Ambient.Value(quantity, at));

    /// <summary>What the Linux i2c-dev driver reports when a chip does not acknowledge.</summary>
    protected static IOException Nack(string why) => new($"Remote I/O error (emulated NACK: {why})");

    private DateTimeOffset Reachable()
    {
        if (Faults.Unplugged) throw new IOException("No such device or address (emulated chip unplugged)");
        var now = Time.GetUtcNow();
        if (_powerCycles != Faults.PowerCycles)
        {
            PowerUp(Faults.PluggedInAt);
            _powerCycles = Faults.PowerCycles;
        }
        return now;
    }
}
