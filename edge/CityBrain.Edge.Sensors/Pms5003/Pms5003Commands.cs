using System.Buffers.Binary;
using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Pms5003;

/// <summary>The PMS5003's serial protocol (PMS5003 data manual, Appendix I; answers as PyPMS documents them): host
/// commands <c>42 4D CMD DATAH DATAL LRCH LRCL</c>, and the chip's frames <c>42 4D</c>, a 16-bit length, that many
/// bytes of which the last two are the checksum. Every checksum is the 16-bit sum of all bytes before it.</summary>
public static class Pms5003Commands
{
    public const int BaudRate = 9600;

    public const byte Start1 = 0x42, Start2 = 0x4D;

    /// <summary>DATAL 0 = passive, 1 = active.</summary>
    public const byte ChangeMode = 0xE1;

    public const byte ReadInPassiveMode = 0xE2;

    /// <summary>DATAL 0 = sleep (fan and laser off), 1 = wake.</summary>
    public const byte ChangeSleep = 0xE4;

    /// <summary>A host command: start, command, DATAH, DATAL, checksum.</summary>
    public const int CommandLength = 7;

    /// <summary>The data frame: header, length 0x001C (13 words and the checksum), 13 words, checksum.</summary>
    public const int DataLength = 32;

    /// <summary>The answer to a mode or sleep command: header, length 0x0004, the command and its DATAL, checksum.</summary>
    public const int AnswerLength = 8;

    /// <summary>Between reports of active mode when the concentration is stable (PMS7003 text; 200–800 ms while it
    /// changes quickly).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(2300);

    /// <summary>How long the fan needs after power-up or wake-up before the data are stable.</summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(30);

    /// <summary>For an answer to a command: 32 bytes take 33 ms at 9600 baud; the rest is margin for the chip and a
    /// loaded host.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(1);

    /// <summary>For the next report of active mode: two stable intervals and margin, so one lost frame is no error.</summary>
    public static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(5);

    public static byte[] SetMode(Pms5003Mode mode) => Command(ChangeMode, mode == Pms5003Mode.Active ? (byte)1 : (byte)0);

    public static byte[] PassiveRead() => Command(ReadInPassiveMode, 0);

    public static byte[] Sleep() => Command(ChangeSleep, 0);

    public static byte[] Wake() => Command(ChangeSleep, 1);

    public static byte[] Command(byte command, byte data) => Seal([Start1, Start2, command, 0, data, 0, 0]);

    /// <summary>The chip's answer to <paramref name="command"/> and its DATAL, e.g. <c>42 4D 00 04 E1 00 01 74</c> to
    /// passive mode.</summary>
    public static byte[] Answer(byte command, byte data) => Seal([Start1, Start2, 0, AnswerLength - 4, command, data, 0, 0]);

    public static bool IsData(byte[] frame) => frame.Length == DataLength;

    /// <summary>Whether <paramref name="frame"/> answers the host command <paramref name="command"/>: a passive read
    /// with a data frame, a mode or sleep command with an answer naming it.</summary>
    public static bool IsAnswerTo(byte[] frame, byte[] command) =>
        command[2] == ReadInPassiveMode
            ? IsData(frame)
            : frame.Length == AnswerLength && frame[4] == command[2] && frame[5] == command[4];

    /// <summary>The 16-bit sum of <paramref name="bytes"/>.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> bytes) => (ushort)ByteSum.Of(bytes);

    /// <summary>Whether the frame's last two bytes are the checksum of the bytes before them.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<byte> frame) =>
        BinaryPrimitives.ReadUInt16BigEndian(frame[^2..]) == Checksum(frame[..^2]);

    /// <summary>Writes the checksum into the frame's last two bytes.</summary>
    public static byte[] Seal(byte[] frame)
    {
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(frame.Length - 2), Checksum(frame.AsSpan(0, frame.Length - 2)));
        return frame;
    }
}
