namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>Sensirion's CRC-8 over each 16-bit data word: polynomial 0x31, initial value 0xFF, no reflection, no final
/// XOR (SHT3x-DIS datasheet, Table 20). The same check protects SHT3x, SHT4x, SCD4x and SGP41 words.</summary>
public static class SensirionCrc
{
    public static byte Compute(byte msb, byte lsb)
    {
        byte crc = 0xFF;
        foreach (var b in (ReadOnlySpan<byte>)[msb, lsb])
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }
        return crc;
    }

    /// <summary>Writes <paramref name="word"/> big-endian with its CRC into 3 bytes.</summary>
    public static void WriteWord(Span<byte> destination, ushort word)
    {
        destination[0] = (byte)(word >> 8);
        destination[1] = (byte)word;
        destination[2] = Compute(destination[0], destination[1]);
    }

    /// <summary>Reads the word at <paramref name="index"/> of a response of 3-byte groups, or null when its CRC is wrong.</summary>
    public static ushort? ReadWord(ReadOnlySpan<byte> response, int index)
    {
        var group = response.Slice(index * 3, 3);
        return Compute(group[0], group[1]) == group[2] ? (ushort)(group[0] << 8 | group[1]) : null;
    }
}
