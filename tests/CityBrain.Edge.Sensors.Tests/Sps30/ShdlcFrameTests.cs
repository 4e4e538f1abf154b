using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Tests.Sps30;

/// <summary>SHDLC framing against the SPS30 datasheet's example frames (UART section) and frames a real SPS30 sent.</summary>
public class ShdlcFrameTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Theory]
    [InlineData(0x00, "01 03", "7E 00 00 02 01 03 F9 7E")] // start measurement, float format
    [InlineData(0x01, "", "7E 00 01 00 FE 7E")] // stop measurement
    [InlineData(0x03, "", "7E 00 03 00 FC 7E")] // read measured values
    [InlineData(0x10, "", "7E 00 10 00 EF 7E")] // sleep
    [InlineData(0x56, "", "7E 00 56 00 A9 7E")] // start fan cleaning
    [InlineData(0x80, "00", "7E 00 80 01 00 7D 5E 7E")] // read the cleaning interval: the checksum 0x7E is stuffed
    [InlineData(0x80, "00 00 00 00 00", "7E 00 80 05 00 00 00 00 00 7A 7E")] // write the interval 0 (cleaning off)
    [InlineData(0xD0, "00", "7E 00 D0 01 00 2E 7E")] // device information: product type
    [InlineData(0xD2, "00", "7E 00 D2 01 00 2C 7E")] // read the status register without clearing it
    [InlineData(0xD3, "", "7E 00 D3 00 2C 7E")] // reset
    [InlineData(0x11, "", "7E 00 7D 31 00 EE 7E")] // wake-up: the command 0x11 (XON) is stuffed
    public void Host_frames_are_the_datasheet_bytes(byte command, string data, string frame)
    {
        Assert.Equal(Hex(frame), Shdlc.Mosi(command, Hex(data)));
        Assert.Equal(FrameCheck.Valid, ShdlcFrameFormat.Mosi.Check(Hex(frame), out var length));
        Assert.Equal(Hex(frame).Length, length);
        Assert.Equal(new ShdlcFrame(0, command, null, Hex(data)).Data, ShdlcFrameFormat.Mosi.Parse(Hex(frame)).Data);
    }

    [Theory]
    [InlineData(0x00, 0x00, "", "7E 00 00 00 00 FF 7E")] // start measurement done
    [InlineData(0x80, 0x00, "00 09 3A 80", "7E 00 80 00 04 00 09 3A 80 B8 7E")] // interval 604800 s, 168 h
    [InlineData(0xD0, 0x00, "30 30 30 38 30 30 30 30 00", "7E 00 D0 00 09 30 30 30 38 30 30 30 30 00 9E 7E")] // "00080000"
    [InlineData(0x11, 0x43, "", "7E 00 7D 31 43 00 AB 7E")] // a real chip refusing wake-up while awake: stuffed command, state 0x43
    public void Chip_frames_parse_and_are_rebuilt_byte_exact(byte command, byte state, string data, string frame)
    {
        Assert.Equal(FrameCheck.Valid, ShdlcFrameFormat.Miso.Check(Hex(frame), out var length));
        Assert.Equal(Hex(frame).Length, length);
        var parsed = ShdlcFrameFormat.Miso.Parse(Hex(frame));
        Assert.Equal((command, (byte?)state), (parsed.Command, parsed.State));
        Assert.Equal(Hex(data), parsed.Data);
        Assert.Equal(Hex(frame), Shdlc.Miso(command, state, Hex(data)));
    }

    [Fact]
    public void The_checksum_is_the_inverse_of_the_low_byte_of_the_sum_before_stuffing()
    {
        // 0x80 + 0x01 + 0x00 = 0x81, inverted 0x7E: sent stuffed as 7D 5E, computed on the unstuffed byte.
        Assert.Equal(0x7E, Shdlc.Checksum([0x00, 0x80, 0x01, 0x00]));
        // The sum's carry is dropped: 0xD9 + 7 × 0x30 + 0x38 = 0x261.
        Assert.Equal(0x9E, Shdlc.Checksum(Hex("00 D0 00 09 30 30 30 38 30 30 30 30 00")));
    }

    [Fact]
    public void Every_byte_that_needs_stuffing_is_stuffed_and_restored()
    {
        byte[] data = [0x7E, 0x7D, 0x11, 0x13, 0x20, 0x5E];
        var frame = Shdlc.Miso(0x03, 0, data);

        Assert.Equal(Hex("7E 00 03 00 06 7D 5E 7D 5D 7D 31 7D 33 20 5E"), frame[..^2]);
        Assert.Equal(FrameCheck.Valid, ShdlcFrameFormat.Miso.Check(frame, out _));
        Assert.Equal(data, ShdlcFrameFormat.Miso.Parse(frame).Data);
    }

    [Fact]
    public void A_wrong_checksum_or_a_broken_escape_is_a_corrupt_frame()
    {
        Assert.Equal(FrameCheck.Corrupt, ShdlcFrameFormat.Miso.Check(Hex("7E 00 00 00 00 FE 7E"), out var length));
        Assert.Equal(7, length);
        Assert.Equal(FrameCheck.Corrupt, ShdlcFrameFormat.Miso.Check(Hex("7E 00 80 00 04 00 09 3A 80 B9 7E"), out _));
        Assert.Equal(FrameCheck.Corrupt, ShdlcFrameFormat.Miso.Check(Hex("7E 00 7D 32 43 00 AB 7E"), out _));
    }

    [Theory]
    [InlineData("7E 7E 00 00 00 00 FF 7E")] // the end flag of a frame missed, then a frame
    [InlineData("7E 12 34 7E")] // a stray flag in noise: its span is no frame
    [InlineData("55 7E 00 01 00 FE 7E")] // garbage before a flag
    public void What_is_not_a_frame_is_skipped_byte_by_byte(string bytes) =>
        Assert.Equal(FrameCheck.NotAFrame, ShdlcFrameFormat.Miso.Check(Hex(bytes), out _));

    [Fact]
    public void A_frame_without_its_end_flag_waits_for_more() =>
        Assert.Equal(FrameCheck.NeedMore, ShdlcFrameFormat.Miso.Check(Hex("7E 00 03 00 28 41"), out _));

    [Fact]
    public void The_reader_resynchronises_on_noise_and_finds_the_frame_after_it()
    {
        var buffer = new FrameBuffer();
        buffer.Append(Hex("13 7E 7E 11 7E 55 7E 00 00 00 00 FF 7E"));

        Assert.True(buffer.TryTake(ShdlcFrameFormat.Miso, out var frame));
        Assert.Equal(Hex("7E 00 00 00 00 FF 7E"), frame);
        Assert.Equal(0, buffer.Corrupt);
    }
}
