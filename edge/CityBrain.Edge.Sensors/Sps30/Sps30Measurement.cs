using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>The ten floats of one SPS30 measurement, in the chip's order: mass concentrations (µg/m³) of PM1, PM2.5,
/// PM4 and PM10, number concentrations (#/cm³) of particles of 0.3 µm up to 0.5, 1, 2.5, 4 and 10 µm, and the typical
/// particle size (µm). Both links carry the same big-endian floats: I2C as words each with its CRC, the UART as plain
/// bytes; one decoder serves both, from words.</summary>
public readonly record struct Sps30Measurement(
    float Pm1, float Pm2_5, float Pm4, float Pm10,
    float Nc0_5, float Nc1, float Nc2_5, float Nc4, float Nc10,
    float TypicalParticleSize)
{
    public const int Words = 20;

    public static Sps30Measurement FromWords(ReadOnlySpan<ushort> words)
    {
        if (words.Length != Words) throw new ArgumentException($"a measurement is {Words} words, not {words.Length}", nameof(words));
        return new(
            SensirionWords.Float(words, 0), SensirionWords.Float(words, 2), SensirionWords.Float(words, 4), SensirionWords.Float(words, 6),
            SensirionWords.Float(words, 8), SensirionWords.Float(words, 10), SensirionWords.Float(words, 12), SensirionWords.Float(words, 14),
            SensirionWords.Float(words, 16), SensirionWords.Float(words, 18));
    }

    /// <summary>The measurement in the data of an SHDLC answer (40 bytes).</summary>
    public static Sps30Measurement FromBytes(ReadOnlySpan<byte> bytes) => FromWords(SensirionWords.FromBytes(bytes));

    public ushort[] ToWords()
    {
        ReadOnlySpan<float> values = [Pm1, Pm2_5, Pm4, Pm10, Nc0_5, Nc1, Nc2_5, Nc4, Nc10, TypicalParticleSize];
        var words = new ushort[Words];
        for (var i = 0; i < values.Length; i++) (words[2 * i], words[2 * i + 1]) = SensirionWords.FromFloat(values[i]);
        return words;
    }

    public byte[] ToBytes() => SensirionWords.ToBytes(ToWords());
}
