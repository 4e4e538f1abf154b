using System.Buffers.Binary;

namespace CityBrain.Edge.Sensors.Bme280;

/// <summary>A BME280's or BMP280's factory calibration (registers 0x88..0xA1 and 0xE1..0xE7) and the datasheet's
/// integer compensation. The formulas keep every <c>&gt;&gt;</c> of the datasheet: an arithmetic shift rounds toward
/// −∞ where C's division truncates toward zero, which changes results (in the BMP280 example t_fine would be 128423
/// instead of 128422). Intermediates are 64-bit: equal to the datasheet's 32-bit arithmetic wherever that does not
/// overflow, and defined where it would.</summary>
public sealed record Bme280Calibration(
    ushort T1, short T2, short T3,
    ushort P1, short P2, short P3, short P4, short P5, short P6, short P7, short P8, short P9,
    byte H1 = 0, short H2 = 0, byte H3 = 0, short H4 = 0, short H5 = 0, sbyte H6 = 0)
{
    /// <summary>Bytes of 0x88..0xA1 (dig_T1..dig_P9, a reserved byte, dig_H1).</summary>
    public const int TemperaturePressureLength = 26;

    /// <summary>Bytes of 0xE1..0xE7 (dig_H2..dig_H6; BME280 only).</summary>
    public const int HumidityLength = 7;

    public static Bme280Calibration Parse(ReadOnlySpan<byte> temperaturePressure, ReadOnlySpan<byte> humidity)
    {
        var tp = temperaturePressure;
        static short S(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadInt16LittleEndian(bytes[offset..]);
        static ushort U(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
        var h = humidity;
        return new Bme280Calibration(
            U(tp, 0), S(tp, 2), S(tp, 4),
            U(tp, 6), S(tp, 8), S(tp, 10), S(tp, 12), S(tp, 14), S(tp, 16), S(tp, 18), S(tp, 20), S(tp, 22),
            H1: tp[25],
            H2: h.IsEmpty ? (short)0 : BinaryPrimitives.ReadInt16LittleEndian(h),
            H3: h.IsEmpty ? (byte)0 : h[2],
            // 12-bit signed values split over three registers: the MSB byte carries the sign (datasheet, Bosch API).
            H4: h.IsEmpty ? (short)0 : (short)((sbyte)h[3] * 16 | (h[4] & 0x0F)),
            H5: h.IsEmpty ? (short)0 : (short)((sbyte)h[5] * 16 | (h[4] >> 4)),
            H6: h.IsEmpty ? (sbyte)0 : (sbyte)h[6]);
    }

    /// <summary>The register bytes this calibration is read from (what an emulated chip holds).</summary>
    public void WriteTo(Span<byte> temperaturePressure, Span<byte> humidity)
    {
        var tp = temperaturePressure;
        ReadOnlySpan<short> words = [(short)T1, T2, T3, (short)P1, P2, P3, P4, P5, P6, P7, P8, P9];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(tp[(2 * i)..], words[i]);
        tp[25] = H1;
        BinaryPrimitives.WriteInt16LittleEndian(humidity, H2);
        humidity[2] = H3;
        humidity[3] = (byte)(H4 >> 4);
        humidity[4] = (byte)((H4 & 0x0F) | (H5 & 0x0F) << 4);
        humidity[5] = (byte)(H5 >> 4);
        humidity[6] = (byte)H6;
    }

    /// <summary>t_fine, the temperature in the form the pressure and humidity formulas take.</summary>
    public int FineTemperature(int adcT)
    {
        long var1 = (((long)(adcT >> 3) - ((long)T1 << 1)) * T2) >> 11;
        long d = (adcT >> 4) - (long)T1;
        long var2 = (((d * d) >> 12) * T3) >> 14;
        return (int)(var1 + var2);
    }

    /// <summary>Temperature in 0.01 °C.</summary>
    public static int Temperature(int tFine) => (tFine * 5 + 128) >> 8;

    /// <summary>Pressure in Pa as Q24.8 (divide by 256), or null where the datasheet returns 0 (var1 == 0: no dig_P1).</summary>
    public long? Pressure(int adcP, int tFine)
    {
        long var1 = (long)tFine - 128000;
        long var2 = var1 * var1 * P6;
        var2 += (var1 * P5) << 17;
        var2 += (long)P4 << 35;
        var1 = ((var1 * var1 * P3) >> 8) + ((var1 * P2) << 12);
        var1 = (((1L << 47) + var1) * P1) >> 33;
        if (var1 == 0) return null;
        long p = 1048576 - adcP;
        p = ((p << 31) - var2) * 3125 / var1;
        var1 = (P9 * (p >> 13) * (p >> 13)) >> 25;
        var2 = (P8 * p) >> 19;
        return ((p + var1 + var2) >> 8) + ((long)P7 << 4);
    }

    /// <summary>Relative humidity in %RH as Q22.10 (divide by 1024), held to 0..100 % as the datasheet does.</summary>
    public int Humidity(int adcH, int tFine)
    {
        long v = (long)tFine - 76800;
        v = ((((long)adcH << 14) - ((long)H4 << 20) - (H5 * v) + 16384) >> 15)
            * (((((((v * H6) >> 10) * (((v * H3) >> 11) + 32768)) >> 10) + 2097152) * H2 + 8192) >> 14);
        v -= ((((v >> 15) * (v >> 15)) >> 7) * H1) >> 4;
        return (int)(Math.Clamp(v, 0, 419430400) >> 12);
    }
}
