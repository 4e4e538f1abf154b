using System.Device.I2c;

namespace CityBrain.Edge.Sensors.Tests;

/// <summary>Passes transfers to a chip and keeps every write, to check a driver's bytes against the datasheet's.</summary>
public sealed class RecordingI2cDevice(I2cDevice chip) : I2cDevice
{
    private readonly List<byte[]> _writes = [];

    public IReadOnlyList<byte[]> Writes => _writes;

    public override I2cConnectionSettings ConnectionSettings => chip.ConnectionSettings;

    public override void Read(Span<byte> buffer) => chip.Read(buffer);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _writes.Add(buffer.ToArray());
        chip.Write(buffer);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        _writes.Add(writeBuffer.ToArray());
        chip.WriteRead(writeBuffer, readBuffer);
    }
}
