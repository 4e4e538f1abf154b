using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>Sensirion's I2C framing (SHT3x, SHT4x, SCD4x): a command MSB first, argument words each with its CRC, and
/// answers of big-endian words each with its CRC. The chips NACK a read until the answer is ready, so a read after
/// the datasheet's execution time is retried briefly before it counts as refused.</summary>
public sealed class SensirionChannel(I2cChannel i2c, TimeProvider time, string sensor)
{
    public I2cChannel I2c => i2c;

    /// <summary>An 8-bit command (SHT4x).</summary>
    public void Send(byte command) => i2c.Write([command]);

    /// <summary>A 16-bit command (SHT3x, SCD4x), with argument words.</summary>
    public void Send(ushort command, params ReadOnlySpan<ushort> arguments)
    {
        Span<byte> frame = stackalloc byte[2 + 3 * arguments.Length];
        frame[0] = (byte)(command >> 8);
        frame[1] = (byte)command;
        for (var i = 0; i < arguments.Length; i++) SensirionCrc.WriteWord(frame[(2 + 3 * i)..], arguments[i]);
        i2c.Write(frame);
    }

    /// <summary>A 16-bit command with argument words, then its execution time, during which the chip hears nothing.</summary>
    public async ValueTask SendAsync(ushort command, TimeSpan executionTime, CancellationToken cancellationToken, params ushort[] arguments)
    {
        Send(command, arguments);
        await Polling.DelayAsync(time, executionTime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="words"/> CRC-checked words once <paramref name="executionTime"/> has passed.</summary>
    /// <param name="command">The command answered, for error messages.</param>
    public async ValueTask<ushort[]> ReadAsync(int command, int words, TimeSpan executionTime, CancellationToken cancellationToken)
    {
        var answer = new byte[words * 3];
        // The chip gets as long again as its datasheet time before its silence counts as a refusal.
        var timeout = executionTime * 2 + TimeSpan.FromMilliseconds(5);
        var retry = TimeSpan.FromTicks(Math.Max(executionTime.Ticks / 4, TimeSpan.TicksPerMillisecond));
        if (!await Polling.UntilAsync(time, executionTime, retry, timeout, () => i2c.TryRead(answer), cancellationToken).ConfigureAwait(false))
        {
            throw new SensorNackException(sensor, $"the chip at {i2c.Location} refused every read of the answer to command 0x{command:X2} for {timeout.TotalMilliseconds:F0} ms");
        }
        return Decode(answer, command);
    }

    public async ValueTask<ushort[]> QueryAsync(ushort command, int words, TimeSpan executionTime, CancellationToken cancellationToken)
    {
        Send(command);
        return await ReadAsync(command, words, executionTime, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ushort[]> QueryAsync(byte command, int words, TimeSpan executionTime, CancellationToken cancellationToken)
    {
        Send(command);
        return await ReadAsync(command, words, executionTime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="command"/> and reads its answer at once; null when the chip NACKs the read
    /// because it has nothing to answer yet (e.g. no new periodic measurement).</summary>
    public ushort[]? TryQuery(ushort command, int words)
    {
        Send(command);
        var answer = new byte[words * 3];
        return i2c.TryRead(answer) ? Decode(answer, command) : null;
    }

    private ushort[] Decode(byte[] answer, int command)
    {
        var words = new ushort[answer.Length / 3];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = SensirionCrc.ReadWord(answer, i)
                ?? throw new SensorChecksumException(sensor, $"CRC mismatch in word {i} of the answer to command 0x{command:X2} ({Convert.ToHexString(answer)})");
        }
        return words;
    }
}
