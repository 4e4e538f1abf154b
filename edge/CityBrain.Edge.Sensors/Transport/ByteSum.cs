namespace CityBrain.Edge.Sensors.Transport;

/// <summary>The plain sum of a frame's bytes, on which the serial sensors' checksums are built: each chip keeps its own
/// width of it (PMS5003 16 bits, SDS011 8 bits, MH-Z19B the 8-bit two's complement).</summary>
public static class ByteSum
{
    public static int Of(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes) sum += b;
        return sum;
    }
}
