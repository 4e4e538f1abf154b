using CityBrain.Edge.Sensors.MhZ19b;
using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Tests.MhZ19b;

public class MhZ19bFramesTests
{
    /// <summary>Every frame of the reference, section 9, with its checksum.</summary>
    public static TheoryData<string> ReferenceFrames =>
    [
        "FF0186000000000079", // read CO₂
        "FF0187000000000078", // zero point
        "FF018807D0000000A0", // span 2000 ppm
        "FF0179A000000000E6", // ABC on
        "FF0179000000000086", // ABC off
        "FF019900000007D08F", // detection range 2000 ppm, bytes 6–7
        "FF8602200000000058", // 544 ppm (datasheet)
        "FF8601790000000000", // 377 ppm: the sum is 0x100, so the checksum is 0x00
    ];

    [Theory]
    [MemberData(nameof(ReferenceFrames))]
    public void The_checksum_of_every_reference_frame_is_recomputed_and_the_frame_is_valid(string hex)
    {
        var frame = Convert.FromHexString(hex);

        Assert.Equal(frame[^1], MhZ19bFrames.Checksum(frame));
        Assert.Equal(frame, MhZ19bFrames.Build(frame.AsSpan(1, 7)));
        Assert.Equal(FrameCheck.Valid, MhZ19bFrames.Format.Check(frame, out var length));
        Assert.Equal(9, length);
    }

    [Fact]
    public void The_commands_are_the_reference_frames()
    {
        Assert.Equal(Convert.FromHexString("FF0186000000000079"), MhZ19bCommands.Read());
        Assert.Equal(Convert.FromHexString("FF0187000000000078"), MhZ19bCommands.CalibrateZeroPoint());
        Assert.Equal(Convert.FromHexString("FF018807D0000000A0"), MhZ19bCommands.CalibrateSpan(2000)); // the manual's example
        Assert.Equal(Convert.FromHexString("FF0179A000000000E6"), MhZ19bCommands.SetAutomaticBaselineCorrection(true));
        Assert.Equal(Convert.FromHexString("FF0179000000000086"), MhZ19bCommands.SetAutomaticBaselineCorrection(false));
        Assert.Equal(Convert.FromHexString("FF019900000007D08F"), MhZ19bCommands.SetDetectionRange(2000));
    }

    [Theory]
    [InlineData("FF8602200000000058", 544)]
    [InlineData("FF8601790000000000", 377)]
    public void The_datasheet_answers_convert_to_ppm(string hex, int ppm) =>
        Assert.Equal(ppm, MhZ19bCommands.Co2(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("FF8602200000000059", FrameCheck.Corrupt)] // checksum off by one
    [InlineData("FF7702200000000058", FrameCheck.NotAFrame)] // FF then a byte no frame has: noise
    [InlineData("86022000000000", FrameCheck.NotAFrame)]
    [InlineData("FF860220", FrameCheck.NeedMore)]
    [InlineData("FF", FrameCheck.NeedMore)]
    public void Candidates_are_judged_by_start_structure_and_checksum(string hex, FrameCheck expected) =>
        Assert.Equal(expected, MhZ19bFrames.Format.Check(Convert.FromHexString(hex), out _));

    [Fact]
    public void A_frame_is_found_behind_noise_full_of_start_bytes()
    {
        var buffer = new FrameBuffer();
        buffer.Append(Convert.FromHexString("FFFF12FF0186FF8602200000000058"));

        Assert.True(buffer.TryTake(MhZ19bFrames.Format, out var frame));
        Assert.Equal(544, MhZ19bCommands.Co2(frame));
    }
}
