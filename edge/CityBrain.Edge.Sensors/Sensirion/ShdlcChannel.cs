using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>Commands and answers over SHDLC: each command frame is answered by a frame naming the same command, whose
/// state byte says whether the chip executed it.</summary>
public sealed class ShdlcChannel(UartChannel uart, string sensor)
{
    /// <summary>The chip's state code for a command it refuses in its current state (e.g. start while measuring).</summary>
    public const byte NotAllowedInCurrentState = 0x43;

    public UartChannel Uart => uart;

    /// <summary>Sends <paramref name="command"/> with <paramref name="data"/> and returns the answer's data.</summary>
    /// <param name="accepted">A state the caller takes for success (e.g. stop on a chip already idle); its answer's
    /// data are returned as for state 0.</param>
    /// <exception cref="SensorNackException">The chip answered with an error state: the message names the command, the
    /// code and its meaning.</exception>
    public async ValueTask<byte[]> QueryAsync(byte command, ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken, byte? accepted = null)
    {
        var raw = await uart.QueryAsync(Shdlc.Mosi(command, data.Span), ShdlcFrameFormat.Miso,
            frame => ShdlcFrameFormat.Miso.Parse(frame).Command == command, timeout, cancellationToken).ConfigureAwait(false);
        var answer = ShdlcFrameFormat.Miso.Parse(raw);
        var state = answer.State ?? 0;
        if (state != 0 && state != accepted)
        {
            // Bit 7 flags a device error (the status register says which); the low 7 bits are the command's error code.
            var error = (state & 0x7F) == 0 ? "no error code, but a device error flagged (read the status register)" : Shdlc.Describe(state);
            throw new SensorNackException(sensor, $"the chip refused command 0x{command:X2} with state 0x{state:X2}: {error}");
        }
        return answer.Data;
    }
}
