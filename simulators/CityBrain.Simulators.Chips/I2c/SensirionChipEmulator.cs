using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.I2c;

/// <summary>A Sensirion chip's command protocol: a command (8 or 16 bits) with CRC-protected argument words selects an
/// answer of CRC-protected words that can be read once, and only after the command's execution time; a read before
/// that, or with nothing to answer, is NACKed, as on the real chips. A written word with a wrong CRC is NACKed.</summary>
public abstract class SensirionChipEmulator(IAmbient ambient, TimeProvider time, int busId, int address, int commandBytes)
    : I2cChipEmulator(ambient, time, busId, address)
{
    private readonly List<int> _commands = [];
    private byte[]? _answer;
    private DateTimeOffset _readyAt;

    /// <summary>Every command written, in order: lets tests check what a driver sent.</summary>
    public IReadOnlyList<int> Commands => _commands;

    protected abstract void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now);

    protected override void OnWrite(ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        if (data.Length < commandBytes || (data.Length - commandBytes) % 3 != 0)
        {
            throw Nack($"{data.Length} bytes is no command of {commandBytes} byte(s) with whole argument words");
        }
        var command = commandBytes == 1 ? data[0] : data[0] << 8 | data[1];
        var arguments = new ushort[(data.Length - commandBytes) / 3];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = SensirionCrc.ReadWord(data[commandBytes..], i) ?? throw Nack($"CRC mismatch in argument word {i} of command 0x{command:X2}");
        }
        _commands.Add(command);
        OnCommand(command, arguments, now);
    }

    protected override void OnRead(Span<byte> buffer, DateTimeOffset now)
    {
        if (_answer is null || now < _readyAt) throw Nack("no data ready");
        _answer.AsSpan(0, Math.Min(buffer.Length, _answer.Length)).CopyTo(buffer);
        _answer = null;
    }

    /// <summary>Makes <paramref name="words"/> readable from <paramref name="readyAt"/> (later on a slow chip).</summary>
    protected void Answer(DateTimeOffset readyAt, params ReadOnlySpan<ushort> words)
    {
        var answer = new byte[words.Length * 3];
        for (var i = 0; i < words.Length; i++) SensirionCrc.WriteWord(answer.AsSpan(i * 3), words[i]);
        if (Faults.CorruptChecksum) answer[^1] ^= 0x5A;
        _answer = answer;
        _readyAt = readyAt + Faults.ExtraDelay;
    }

    /// <summary>Drops an answer not yet read (a new command replaces it).</summary>
    protected void ClearAnswer() => _answer = null;
}
