using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Edge.Sensors.Transport;
using CityBrain.Simulators.Chips.Ads1115;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.Ads1115;

public class Ads1115AdcTests
{
    private readonly ChipClock _clock = new();
    private readonly Ads1115Emulator _chip;
    private double _ain0 = 1.234, _ain1 = 0.5;

    public Ads1115AdcTests() => _chip = new Ads1115Emulator(new Ambient(), _clock).Wire(0, _ => _ain0).Wire(1, _ => _ain1);

    private Ads1115Adc Adc(System.Device.I2c.I2cDevice? device = null) => new(new I2cChannel(device ?? _chip, "adc"), _clock, "adc");

    private Task<double> Volts(Ads1115Adc adc, Ads1115Input input, Ads1115Range range = Ads1115Range.Fs4_096, Ads1115Rate rate = Ads1115Rate.Sps128) =>
        _clock.Run(() => adc.ReadVoltsAsync(input, range, rate, CancellationToken.None));

    [Fact]
    public async Task Ain0_single_ended_at_4_096_volts_and_128_sps_single_shot_is_config_0xC383()
    {
        Assert.Equal(0xC383, Ads1115Registers.SingleShot(Ads1115Input.Ain0, Ads1115Range.Fs4_096, Ads1115Rate.Sps128));
        var bus = new RecordingI2cDevice(_chip);

        await Volts(Adc(bus), Ads1115Input.Ain0);

        Assert.Equal([0x01, 0xC3, 0x83], bus.Writes[0]);
    }

    [Theory]
    [InlineData(0x7FFF, 4.095875)]
    [InlineData(0x8000, -4.096)]
    [InlineData(0x0000, 0)]
    public void Codes_are_twos_complement_fractions_of_full_scale(int code, double volts) =>
        Assert.Equal(volts, Ads1115Registers.Volts(unchecked((short)code), Ads1115Range.Fs4_096), 6);

    [Theory]
    [InlineData(Ads1115Rate.Sps8, 125)]
    [InlineData(Ads1115Rate.Sps128, 7.8125)]
    [InlineData(Ads1115Rate.Sps860, 1.163)]
    public void A_conversion_takes_one_sample_period(Ads1115Rate rate, double milliseconds) =>
        Assert.Equal(milliseconds, Ads1115Registers.ConversionTime(rate).TotalMilliseconds, 3);

    [Fact]
    public async Task A_single_shot_waits_its_conversion_then_polls_os_and_reads_the_conversion()
    {
        var adc = Adc();
        var (volts, took) = await _clock.Timed(() => adc.ReadVoltsAsync(Ads1115Input.Ain0, Ads1115Range.Fs4_096, Ads1115Rate.Sps8, CancellationToken.None));

        Assert.Equal(1.234, volts, 4);
        Assert.InRange(took.TotalMilliseconds, 125, 127);
    }

    [Fact]
    public async Task Differential_inputs_can_be_negative_and_overrange_clips_at_full_scale()
    {
        var adc = Adc();
        Assert.Equal(1.234 - 0.5, await Volts(adc, Ads1115Input.Ain0Ain1), 4);
        _ain0 = 0.2;
        Assert.Equal(0.2 - 0.5, await Volts(adc, Ads1115Input.Ain0Ain1), 4);
        _ain0 = 3;
        Assert.Equal(2.048 * 32767 / 32768, await Volts(adc, Ads1115Input.Ain0, Ads1115Range.Fs2_048), 6);
    }

    [Theory]
    [InlineData(Ads1115Range.Fs4_096)]
    [InlineData(Ads1115Range.Fs0_256)]
    public async Task Voltages_round_trip_within_one_code_over_the_whole_range(Ads1115Range range)
    {
        var adc = Adc();
        var fullScale = Ads1115Registers.FullScale(range);
        var random = new Random(1115);
        for (var i = 0; i < 200; i++)
        {
            _ain0 = (random.NextDouble() * 2 - 1) * fullScale * 0.999;
            Assert.Equal(_ain0, await Volts(adc, Ads1115Input.Ain0, range), fullScale / 32768 / 2);
        }
    }

    [Fact]
    public async Task A_conversion_that_never_ends_is_a_timeout_not_a_hang()
    {
        var adc = Adc();
        _chip.Faults.ExtraDelay = TimeSpan.FromSeconds(10);
        await Assert.ThrowsAsync<SensorTimeoutException>(() => Volts(adc, Ads1115Input.Ain0));
    }

    [Fact]
    public void Identify_knows_the_chip_by_its_threshold_reset_values()
    {
        var adc = Adc();
        Assert.Equal(Ads1115Registers.ConfigAfterReset, adc.Identify());

        _chip.Write([Ads1115Registers.LowThreshold, 0x12, 0x34]);
        Assert.Throws<SensorIdentityException>(() => adc.Identify());
    }
}
