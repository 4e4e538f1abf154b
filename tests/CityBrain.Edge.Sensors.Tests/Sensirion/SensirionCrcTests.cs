using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Tests.Sensirion;

public class SensirionCrcTests
{
    [Theory]
    [InlineData(0xBEEF, 0x92)] // the datasheet's own example (SHT3x-DIS, Table 20)
    [InlineData(0x0000, 0x81)]
    [InlineData(0xFFFF, 0xAC)]
    [InlineData(0x6666, 0x93)]
    [InlineData(0x8000, 0xA2)]
    public void Crc_matches_the_published_values(int word, int crc) =>
        Assert.Equal((byte)crc, SensirionCrc.Compute((byte)(word >> 8), (byte)word));

    [Fact]
    public void A_word_round_trips_and_a_flipped_bit_is_caught()
    {
        var buffer = new byte[3];
        SensirionCrc.WriteWord(buffer, 0x6667);
        Assert.Equal((ushort)0x6667, SensirionCrc.ReadWord(buffer, 0));

        for (var bit = 0; bit < 24; bit++)
        {
            var corrupt = (byte[])buffer.Clone();
            corrupt[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Null(SensirionCrc.ReadWord(corrupt, 0));
        }
    }
}
