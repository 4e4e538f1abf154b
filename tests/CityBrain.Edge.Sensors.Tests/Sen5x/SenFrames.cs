using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Tests.Sen5x;

/// <summary>Answers of a SEN5x or SEN66 as bytes on the wire, for scripted chips.</summary>
public static class SenFrames
{
    public static byte[] Words(params ushort[] words)
    {
        var frame = new byte[words.Length * 3];
        for (var i = 0; i < words.Length; i++) SensirionCrc.WriteWord(frame.AsSpan(i * 3), words[i]);
        return frame;
    }

    public static byte[] Text(string text) => Words(SensirionWords.FromText(text, 16));

    public static readonly byte[] Ready = [0x00, 0x01, SensirionCrc.Compute(0x00, 0x01)];

    public static readonly byte[] StatusClear = Words(0, 0);
}
