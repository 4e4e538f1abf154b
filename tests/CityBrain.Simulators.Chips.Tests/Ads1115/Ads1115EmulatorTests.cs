using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Simulators.Chips.Ads1115;
using CityBrain.Simulators.Chips.Physical;
using Microsoft.Extensions.Time.Testing;
using static CityBrain.Edge.Sensors.Ads1115.Ads1115Registers;

namespace CityBrain.Simulators.Chips.Tests.Ads1115;

public class Ads1115EmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Ads1115Emulator _chip;
    private double _volts = 1.5;

    public Ads1115EmulatorTests() => _chip = new Ads1115Emulator(new Ambient(), _clock).Wire(0, _ => _volts);

    private ushort Read(byte register)
    {
        var data = new byte[2];
        _chip.WriteRead([register], data);
        return (ushort)(data[0] << 8 | data[1]);
    }

    private ushort ReadAgain()
    {
        var data = new byte[2];
        _chip.Read(data);
        return (ushort)(data[0] << 8 | data[1]);
    }

    [Fact]
    public void Registers_hold_their_reset_values_and_the_conversion_is_0_before_the_first()
    {
        Assert.Equal(ConfigAfterReset, Read(Config));
        Assert.Equal(LowThresholdAfterReset, Read(LowThreshold));
        Assert.Equal(HighThresholdAfterReset, Read(HighThreshold));
        Assert.Equal(0, Read(Conversion));
    }

    [Fact]
    public void Os_reads_0_while_a_single_shot_converts_and_the_pointer_persists()
    {
        _chip.Write([Config, 0xC3, 0x83]);
        Assert.Equal(0x4383, Read(Config));

        _clock.Advance(ConversionTime(Ads1115Rate.Sps128));
        Assert.Equal(0xC383, ReadAgain());
        Assert.Equal(Code(1.5, Ads1115Range.Fs4_096), (short)Read(Conversion));
    }

    [Fact]
    public void Continuous_mode_follows_the_input_at_the_data_rate()
    {
        _chip.Write([Config, 0x42, 0x83]);
        _clock.Advance(TimeSpan.FromMilliseconds(8));
        Assert.Equal(Code(1.5, Ads1115Range.Fs4_096), (short)Read(Conversion));

        _volts = 0.75;
        _clock.Advance(TimeSpan.FromMilliseconds(8));
        Assert.Equal(Code(0.75, Ads1115Range.Fs4_096), (short)ReadAgain());
    }

    [Fact]
    public void A_stuck_chip_keeps_converting_the_same_voltage()
    {
        _chip.Faults.Stuck = true;
        _chip.Write([Config, 0xC3, 0x83]);
        _clock.Advance(TimeSpan.FromMilliseconds(8));
        Assert.Equal(Code(1.5, Ads1115Range.Fs4_096), (short)Read(Conversion));
        _volts = 0.1;
        _chip.Write([Config, 0xC3, 0x83]);
        _clock.Advance(TimeSpan.FromMilliseconds(8));

        Assert.Equal(Code(1.5, Ads1115Range.Fs4_096), (short)Read(Conversion));
    }

    [Fact]
    public void A_register_write_of_the_wrong_length_is_refused() =>
        Assert.Throws<IOException>(() => _chip.Write([Config, 0xC3]));
}
