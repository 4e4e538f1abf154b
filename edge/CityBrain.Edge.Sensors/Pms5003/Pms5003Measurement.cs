using System.Buffers.Binary;

namespace CityBrain.Edge.Sensors.Pms5003;

/// <summary>The 13 words of a PMS5003 data frame, in frame order: mass concentrations (µg/m³) with the factory's
/// "standard particle" calibration (CF=1) and for the atmospheric environment, particle counts per 0.1 L above each
/// size, and the reserved word.</summary>
/// <remarks>Ambient stations use the atmospheric values: "CF=1 should be used in the factory environment".</remarks>
public readonly record struct Pms5003Measurement(
    ushort StandardPm1, ushort StandardPm2_5, ushort StandardPm10,
    ushort Pm1, ushort Pm2_5, ushort Pm10,
    ushort Over0_3, ushort Over0_5, ushort Over1_0, ushort Over2_5, ushort Over5_0, ushort Over10,
    ushort Reserved)
{
    private const int Words = 13, FirstWord = 4;

    /// <summary>Every measured word is 0: the chip's fan is starting and it has nothing to report yet (PyPMS raises
    /// SensorWarmingUp on it). Clean air still carries hundreds of particles per 0.1 L.</summary>
    public bool IsAllZero => this with { Reserved = 0 } == default;

    /// <summary>No particle above 0.3 µm counted, yet a mass of PM10: the frame contradicts itself (PyPMS rejects it).</summary>
    public bool IsInconsistent => Over0_3 == 0 && Pm10 > 0;

    /// <summary>The words of a checksum-valid 32-byte data frame.</summary>
    public static Pms5003Measurement Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != Pms5003Commands.DataLength) throw new ArgumentException($"a data frame has {Pms5003Commands.DataLength} bytes, not {frame.Length}", nameof(frame));
        Span<ushort> w = stackalloc ushort[Words];
        for (var i = 0; i < Words; i++) w[i] = BinaryPrimitives.ReadUInt16BigEndian(frame[(FirstWord + 2 * i)..]);
        return new(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12]);
    }

    /// <summary>The data frame carrying these words, as the chip sends it.</summary>
    public byte[] ToFrame()
    {
        var frame = new byte[Pms5003Commands.DataLength];
        frame[0] = Pms5003Commands.Start1;
        frame[1] = Pms5003Commands.Start2;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), Pms5003Commands.DataLength - FirstWord);
        ReadOnlySpan<ushort> words = [StandardPm1, StandardPm2_5, StandardPm10, Pm1, Pm2_5, Pm10, Over0_3, Over0_5, Over1_0, Over2_5, Over5_0, Over10, Reserved];
        for (var i = 0; i < Words; i++) BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(FirstWord + 2 * i), words[i]);
        return Pms5003Commands.Seal(frame);
    }
}
