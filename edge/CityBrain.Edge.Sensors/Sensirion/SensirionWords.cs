using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>Values Sensirion's particle and multi-sensor modules (SPS30, SEN5x, SEN66) spread over several 16-bit words:
/// IEEE 754 floats as two big-endian words, and text (product name, serial number) as two ASCII characters per word,
/// ended by a NUL. Both ways: a driver decodes them, an emulated chip encodes them.</summary>
public static class SensirionWords
{
    /// <summary>The big-endian float in <paramref name="words"/>[<paramref name="index"/>] and the word after it.</summary>
    public static float Float(ReadOnlySpan<ushort> words, int index) =>
        BitConverter.Int32BitsToSingle(words[index] << 16 | words[index + 1]);

    /// <summary>The two words of <paramref name="value"/>, high word first.</summary>
    public static (ushort High, ushort Low) FromFloat(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return ((ushort)(bits >> 16), (ushort)bits);
    }

    /// <summary>The ASCII text up to the first NUL; any byte outside printable ASCII makes it null (not text at all,
    /// e.g. another chip's answer).</summary>
    public static string? Text(ReadOnlySpan<ushort> words) => TextFromBytes(ToBytes(words));

    /// <summary>As <see cref="Text"/>, from the bytes themselves (an SHDLC answer's data).</summary>
    public static string? TextFromBytes(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var text = bytes[..(end < 0 ? bytes.Length : end)];
        foreach (var b in text)
        {
            if (b is < 0x20 or > 0x7E) return null;
        }
        return Encoding.ASCII.GetString(text);
    }

    /// <summary>A serial number of whole words in hexadecimal, most significant word first (2 words: 8 digits, as the
    /// SHT3x and SHT4x report theirs; 3 words: 12, as the SCD4x and SGP41).</summary>
    public static string Hex(ReadOnlySpan<ushort> words)
    {
        var text = new StringBuilder(words.Length * 4);
        foreach (var word in words) text.Append(CultureInfo.InvariantCulture, $"{word:X4}");
        return text.ToString();
    }

    /// <summary>The words as big-endian byte pairs, as a serial link carries them.</summary>
    public static byte[] ToBytes(ReadOnlySpan<ushort> words)
    {
        var bytes = new byte[words.Length * 2];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), words[i]);
        return bytes;
    }

    /// <summary>Big-endian words from pairs of bytes.</summary>
    public static ushort[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0) throw new ArgumentException($"{bytes.Length} bytes are no whole words", nameof(bytes));
        var words = new ushort[bytes.Length / 2];
        for (var i = 0; i < words.Length; i++) words[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
        return words;
    }

    /// <summary><paramref name="text"/> as <paramref name="count"/> words, NUL-padded (at least one NUL).</summary>
    public static ushort[] FromText(string text, int count)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        if (bytes.Length >= count * 2) throw new ArgumentException($"'{text}' does not fit {count} words with its NUL", nameof(text));
        var words = new ushort[count];
        for (var i = 0; i < bytes.Length; i++) words[i / 2] |= (ushort)(i % 2 == 0 ? bytes[i] << 8 : bytes[i]);
        return words;
    }
}
