using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sht3x;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht3x;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Chips.Tests.Sht3x;

public class Sht3xEmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Sht3xEmulator _chip;

    public Sht3xEmulatorTests() => _chip = new Sht3xEmulator(new Ambient(), _clock);

    private void Send(ushort command) => _chip.Write([(byte)(command >> 8), (byte)command]);

    private ushort[] ReadWords(int count)
    {
        var answer = new byte[count * 3];
        _chip.Read(answer);
        return Enumerable.Range(0, count).Select(i => SensirionCrc.ReadWord(answer, i) ?? throw new InvalidDataException("bad CRC")).ToArray();
    }

    [Fact]
    public void The_status_reads_0x8010_after_power_up_and_clear_status_clears_the_alert_and_reset_bits()
    {
        Send(Sht3xCommands.ReadStatus);
        Assert.Equal((ushort)0x8010, ReadWords(1)[0]);

        Send(Sht3xCommands.ClearStatus);
        Send(Sht3xCommands.HeaterOn);
        Send(Sht3xCommands.ReadStatus);
        Assert.Equal((ushort)0x2000, ReadWords(1)[0]);
    }

    [Fact]
    public void A_single_shot_is_nacked_until_its_typical_duration_has_passed()
    {
        Send(0x2400);
        Assert.Throws<IOException>(() => ReadWords(2));

        _clock.Advance(TimeSpan.FromMilliseconds(12.5));
        Assert.Equal(SensirionTicks.FromTemperature(20), ReadWords(2)[0]);
    }

    [Fact]
    public void A_periodic_result_is_fetched_once_and_other_commands_wait_for_a_break()
    {
        Send(Sht3xCommands.Periodic(Sht3xRate.Mps2, Sht3xRepeatability.High));
        _clock.Advance(TimeSpan.FromMilliseconds(20));

        Send(Sht3xCommands.Fetch);
        Assert.Equal(2, ReadWords(2).Length);
        Send(Sht3xCommands.Fetch);
        Assert.Throws<IOException>(() => ReadWords(2));
        Assert.Throws<IOException>(() => Send(Sht3xCommands.ReadStatus));

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Send(Sht3xCommands.Fetch);
        Assert.Equal(2, ReadWords(2).Length);

        Send(Sht3xCommands.Break);
        Send(Sht3xCommands.ReadStatus);
        Assert.Single(ReadWords(1));
    }

    [Fact]
    public void A_command_word_of_the_wrong_length_is_nacked() =>
        Assert.Throws<IOException>(() => _chip.Write([0x24]));
}
