using CityBrain.Edge.Sensors.Sds011;
using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Tests.Sds011;

public class Sds011FrameTests
{
    /// <summary>The reference's example data frame: PM2.5 123.6, PM10 261.8, device A160, sum 0x21D.</summary>
    private static readonly byte[] Example = [0xAA, 0xC0, 0xD4, 0x04, 0x3A, 0x0A, 0xA1, 0x60, 0x1D, 0xAB];

    [Fact]
    public void The_reference_data_frame_is_valid_and_reads_123_6_and_261_8_from_device_A160()
    {
        Assert.Equal(FrameCheck.Valid, Sds011FrameFormat.SensorFrames.Check(Example, out var length));
        Assert.Equal(10, length);
        Assert.Equal((123.6, 261.8), Sds011Commands.Concentrations(Example));
        Assert.Equal(0xA160, Sds011Commands.DeviceId(Example));
    }

    [Fact]
    public void The_emulated_side_builds_the_reference_data_frame_with_the_wrapped_checksum() =>
        Assert.Equal(Example, Sds011Commands.DataFrame(123.6, 261.8, 0xA160));

    [Fact]
    public void The_query_mode_command_is_the_reference_example() =>
        Assert.Equal(Convert.FromHexString("AAB402010100000000000000000000FFFF02AB"), Sds011Commands.SetReportMode(Sds011Mode.Query));

    public static TheoryData<byte[], byte> CommandChecksums => new()
    {
        { Sds011Commands.SetReportMode(Sds011Mode.Query), 0x02 },
        { Sds011Commands.SetReportMode(Sds011Mode.Active), 0x01 },
        { Sds011Commands.Query(), 0x02 },
        { Sds011Commands.SetSleep(true), 0x05 },
        { Sds011Commands.SetSleep(false), 0x06 },
        { Sds011Commands.SetWorkingPeriod(0), 0x07 },
        { Sds011Commands.ReadFirmware(), 0x05 },
    };

    [Theory]
    [MemberData(nameof(CommandChecksums))]
    public void Commands_carry_the_checksums_of_the_reference_table(byte[] command, byte checksum)
    {
        Assert.Equal(19, command.Length);
        Assert.Equal(checksum, command[^2]);
        Assert.Equal(FrameCheck.Valid, Sds011FrameFormat.HostCommands.Check(command, out _));
    }

    [Fact]
    public void A_new_device_id_goes_in_D12_D13_and_the_addressed_one_in_D14_D15()
    {
        var command = Sds011Commands.ChangeDeviceId(0x1234, 0xA160);

        Assert.Equal(0x1234, Sds011Commands.NewDeviceId(command));
        Assert.Equal(0xA160, Sds011Commands.Target(command));
        Assert.Equal(Sds011Commands.SetDeviceId, Sds011Commands.Kind(command));
    }

    [Theory]
    [InlineData("AAC0D4043A0AA1601CAB", FrameCheck.Corrupt)]
    [InlineData("AAC0D4043A0AA1601DAA", FrameCheck.NotAFrame)]
    [InlineData("ABC0D4043A0AA1601DAB", FrameCheck.NotAFrame)]
    [InlineData("AAB4D4043A0AA1601DAB", FrameCheck.NotAFrame)]
    [InlineData("AAC0D404", FrameCheck.NeedMore)]
    [InlineData("AA", FrameCheck.NeedMore)]
    public void Frames_are_judged_by_head_id_tail_and_checksum(string hex, FrameCheck expected) =>
        Assert.Equal(expected, Sds011FrameFormat.SensorFrames.Check(Convert.FromHexString(hex), out _));

    [Theory]
    [InlineData(Sds011Mode.Query, 0, null)]
    [InlineData(Sds011Mode.Active, 0, null)]
    [InlineData(Sds011Mode.Active, 30, null)]
    [InlineData(Sds011Mode.Active, 31, "WorkingPeriodMinutes")]
    [InlineData(Sds011Mode.Active, -1, "WorkingPeriodMinutes")]
    [InlineData(Sds011Mode.Query, 5, "WorkingPeriodMinutes")]
    public void Settings_name_a_bad_working_period(Sds011Mode mode, int minutes, string? badOption) =>
        Assert.Equal(badOption is null ? [] : [badOption],
            new Sds011Settings { Mode = mode, WorkingPeriodMinutes = minutes }.Validate().Select(p => p.Option));
}
