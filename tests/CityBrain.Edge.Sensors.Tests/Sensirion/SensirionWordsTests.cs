using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Tests.Sensirion;

public class SensirionWordsTests
{
    [Fact]
    public void A_float_is_two_big_endian_words()
    {
        // 1.0f is 0x3F800000; 12.5f is 0x41480000.
        Assert.Equal(1.0f, SensirionWords.Float([0x3F80, 0x0000], 0));
        Assert.Equal(12.5f, SensirionWords.Float([0xFFFF, 0x4148, 0x0000], 1));
        Assert.Equal(((ushort)0x4148, (ushort)0x0000), SensirionWords.FromFloat(12.5f));
        var (high, low) = SensirionWords.FromFloat(-3.25e-4f);
        Assert.Equal(-3.25e-4f, SensirionWords.Float([high, low], 0));
    }

    [Fact]
    public void Text_is_two_characters_per_word_up_to_the_nul()
    {
        var words = SensirionWords.FromText("SEN55", 16);
        Assert.Equal(16, words.Length);
        Assert.Equal((ushort)0x5345, words[0]); // "SE"
        Assert.Equal((ushort)0x3500, words[2]); // "5", NUL
        Assert.Equal("SEN55", SensirionWords.Text(words));
        Assert.Equal("00080000", SensirionWords.Text(SensirionWords.FromText("00080000", 16)));
        Assert.Equal("", SensirionWords.Text([0x0000, 0x4142]));
    }

    [Fact]
    public void Bytes_that_are_not_printable_ascii_are_no_text()
    {
        Assert.Null(SensirionWords.Text([0x01F4, 0x6666]));
        Assert.Throws<ArgumentException>(() => SensirionWords.FromText("TOO LONG", 4));
    }
}
