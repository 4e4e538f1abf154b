using CityBrain.Edge.Sensors.Pms5003;
using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Tests.Pms5003;

public class Pms5003FrameTests
{
    /// <summary>CF=1 PM1/2.5/10 = 14/27/38, atmospheric 12/25/35, counts 2700/800/150/20/4/1, reserved 0x9700;
    /// checksum 0x0341 = the sum of bytes 0..29, worked out by hand.</summary>
    private static readonly byte[] Example =
    [
        0x42, 0x4D, 0x00, 0x1C, 0x00, 0x0E, 0x00, 0x1B, 0x00, 0x26, 0x00, 0x0C, 0x00, 0x19, 0x00, 0x23,
        0x0A, 0x8C, 0x03, 0x20, 0x00, 0x96, 0x00, 0x14, 0x00, 0x04, 0x00, 0x01, 0x97, 0x00, 0x03, 0x41,
    ];

    public static TheoryData<string, byte[], byte[]> HostCommands => new()
    {
        { "passive mode", Pms5003Commands.SetMode(Pms5003Mode.Passive), [0x42, 0x4D, 0xE1, 0x00, 0x00, 0x01, 0x70] },
        { "active mode", Pms5003Commands.SetMode(Pms5003Mode.Active), [0x42, 0x4D, 0xE1, 0x00, 0x01, 0x01, 0x71] },
        { "passive read", Pms5003Commands.PassiveRead(), [0x42, 0x4D, 0xE2, 0x00, 0x00, 0x01, 0x71] },
        { "sleep", Pms5003Commands.Sleep(), [0x42, 0x4D, 0xE4, 0x00, 0x00, 0x01, 0x73] },
        { "wake", Pms5003Commands.Wake(), [0x42, 0x4D, 0xE4, 0x00, 0x01, 0x01, 0x74] },
    };

    [Theory]
    [MemberData(nameof(HostCommands))]
    public void Host_commands_are_the_reference_bytes_and_parse_as_commands(string command, byte[] built, byte[] reference)
    {
        Assert.True(reference.SequenceEqual(built), $"{command}: {Convert.ToHexString(built)}");
        Assert.Equal(FrameCheck.Valid, Pms5003FrameFormat.FromHost.Check(reference, out var length));
        Assert.Equal(7, length);
    }

    [Fact]
    public void The_answer_to_passive_mode_is_the_8_byte_frame_naming_the_command()
    {
        byte[] answer = [0x42, 0x4D, 0x00, 0x04, 0xE1, 0x00, 0x01, 0x74];

        Assert.Equal(answer, Pms5003Commands.Answer(Pms5003Commands.ChangeMode, 0));
        Assert.Equal(FrameCheck.Valid, Pms5003FrameFormat.FromChip.Check(answer, out var length));
        Assert.Equal(8, length);
        Assert.True(Pms5003Commands.IsAnswerTo(answer, Pms5003Commands.SetMode(Pms5003Mode.Passive)));
        Assert.False(Pms5003Commands.IsAnswerTo(answer, Pms5003Commands.SetMode(Pms5003Mode.Active)));
        Assert.False(Pms5003Commands.IsAnswerTo(answer, Pms5003Commands.Sleep()));
    }

    [Fact]
    public void A_data_frame_decodes_word_by_word_and_encodes_back_to_the_same_bytes()
    {
        Assert.Equal(FrameCheck.Valid, Pms5003FrameFormat.FromChip.Check(Example, out var length));
        Assert.Equal(32, length);

        var measurement = Pms5003Measurement.Parse(Example);

        Assert.Equal(new Pms5003Measurement(14, 27, 38, 12, 25, 35, 2700, 800, 150, 20, 4, 1, 0x9700), measurement);
        Assert.Equal(Example, measurement.ToFrame());
        Assert.False(measurement.IsAllZero);
        Assert.False(measurement.IsInconsistent);
    }

    [Fact]
    public void A_flipped_byte_makes_the_frame_corrupt()
    {
        var frame = Example.ToArray();
        frame[12] ^= 0x01;

        Assert.Equal(FrameCheck.Corrupt, Pms5003FrameFormat.FromChip.Check(frame, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x42, 0x4D, 0x00, 0x14 })]
    [InlineData(new byte[] { 0x42, 0x00 })]
    [InlineData(new byte[] { 0x4D })]
    public void A_start_that_cannot_be_a_pms5003_frame_is_skipped_at_once(byte[] start) =>
        Assert.Equal(FrameCheck.NotAFrame, Pms5003FrameFormat.FromChip.Check(start, out _));

    [Fact]
    public void Garbage_a_truncated_frame_and_an_answer_before_a_frame_are_skipped_to_the_frame()
    {
        var buffer = new FrameBuffer();
        buffer.Append([0x42, 0x13, 0x42, 0x4D, 0x00]);
        buffer.Append(Example.AsSpan(0, 30));
        buffer.Append(Pms5003Commands.Answer(Pms5003Commands.ChangeSleep, 0));
        buffer.Append(Example);

        var frames = new List<byte[]>();
        while (buffer.TryTake(Pms5003FrameFormat.FromChip, out var frame)) frames.Add(frame);

        Assert.Equal(2, frames.Count);
        Assert.Equal(Pms5003Commands.Answer(Pms5003Commands.ChangeSleep, 0), frames[0]);
        Assert.Equal(Example, frames[1]);
    }

    [Fact]
    public void An_all_zero_frame_means_warming_up_whatever_the_reserved_word()
    {
        var warmingUp = default(Pms5003Measurement) with { Reserved = 0x9700 };

        Assert.True(warmingUp.IsAllZero);
        Assert.True(Pms5003Measurement.Parse(warmingUp.ToFrame()).IsAllZero);
    }

    [Fact]
    public void No_count_above_0_3_um_with_a_pm10_mass_is_inconsistent() =>
        Assert.True((default(Pms5003Measurement) with { Pm10 = 12 }).IsInconsistent);
}
