using System.Device.I2c;

namespace CityBrain.Edge.Sensors.Tests;

/// <summary>A chip that answers reads with given bytes in order (a datasheet's example frames) and keeps every write.</summary>
public sealed class ScriptedI2cDevice(params byte[][] answers) : I2cDevice
{
    private readonly Queue<byte[]> _answers = new(answers);
    private readonly List<byte[]> _writes = [];

    public IReadOnlyList<byte[]> Writes => _writes;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x62);

    public override void Read(Span<byte> buffer)
    {
        if (!_answers.TryDequeue(out var answer)) throw new IOException("Remote I/O error (script ended)");
        answer.CopyTo(buffer);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => _writes.Add(buffer.ToArray());

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
