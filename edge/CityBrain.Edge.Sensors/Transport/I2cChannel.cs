using System.Device.I2c;
using CityBrain.Edge.Sensors.Abstractions;

namespace CityBrain.Edge.Sensors.Transport;

/// <summary>An I2C chip as a driver talks to it, with bus failures turned into typed errors. On a Raspberry Pi every
/// refusal is the same <see cref="IOException"/>, so the phase tells them apart: a refused write (the address byte
/// is not acknowledged) means nothing answers at the address; a refused read after an accepted write means the chip is
/// there but has nothing to give (a NACK). Register reads are therefore a pointer write, then a separate read.</summary>
public sealed class I2cChannel(I2cDevice device, string sensor) : IDisposable
{
    public int BusId => device.ConnectionSettings.BusId;

    public int Address => device.ConnectionSettings.DeviceAddress;

    public string Location => $"I2C address 0x{Address:X2} on bus {BusId}";

    public void Write(ReadOnlySpan<byte> data)
    {
        try
        {
            device.Write(data);
        }
        catch (IOException ex)
        {
            throw new SensorAbsentException(sensor, $"nothing acknowledged {Location} ({ex.Message.TrimEnd('.')}): check the wiring, the address and the power", ex);
        }
    }

    public void WriteRegister(byte register, byte value) => Write([register, value]);

    /// <summary>Reads, or throws <see cref="SensorNackException"/> naming <paramref name="what"/>.</summary>
    public void Read(Span<byte> buffer, string what)
    {
        if (!TryRead(buffer, out var error))
        {
            throw new SensorNackException(sensor, $"the chip at {Location} refused to send {what}", error);
        }
    }

    /// <summary>Reads, or returns false when the chip NACKs: for chips that refuse reads until a result is ready.</summary>
    public bool TryRead(Span<byte> buffer) => TryRead(buffer, out _);

    public void ReadRegisters(byte register, Span<byte> buffer)
    {
        Write([register]);
        Read(buffer, $"register 0x{register:X2}");
    }

    public byte ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[1];
        ReadRegisters(register, value);
        return value[0];
    }

    public void Dispose() => device.Dispose();

    private bool TryRead(Span<byte> buffer, out IOException? error)
    {
        try
        {
            device.Read(buffer);
            error = null;
            return true;
        }
        catch (IOException ex)
        {
            error = ex;
            return false;
        }
    }
}
