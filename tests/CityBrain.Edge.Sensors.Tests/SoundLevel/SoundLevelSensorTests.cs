using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Edge.Sensors.SoundLevel;
using CityBrain.Edge.Sensors.Transport;
using CityBrain.Simulators.Chips.Ads1115;
using CityBrain.Simulators.Chips.Analog;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.SoundLevel;

public class SoundLevelSensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _street = new Ambient().Set(Quantity.Noise, 63.5);
    private readonly Ads1115Emulator _adc;

    public SoundLevelSensorTests() => _adc = new Ads1115Emulator(_street, _clock).Wire(2, SoundMeterSignal.From(_street));

    private SoundLevelSensor Sensor(SoundLevelSettings? settings = null) =>
        new(new Ads1115Adc(new I2cChannel(_adc, "noise"), _clock, "noise"), "noise@1:0x48", _clock, settings ?? new SoundLevelSettings { Channel = 2 });

    private Task<IReadOnlyList<SensorSample>> Read(SoundLevelSensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    [Theory]
    [InlineData(0.6, 30)]
    [InlineData(2.6, 130)]
    [InlineData(1.27, 63.5)]
    public async Task The_meter_output_is_50_dBA_per_volt(double volts, double decibels)
    {
        _adc.Wire(2, _ => volts);
        Assert.Equal(decibels, (await Read(Sensor()))[0].Value, 1);
    }

    [Fact]
    public void Levels_average_as_energies() =>
        Assert.Equal(67.40, SoundLevels.EnergyMean([60, 70]), 2);

    [Fact]
    public async Task A_burst_reports_the_laeq_of_its_conversions()
    {
        var levels = new Queue<double>([60, 70, 60, 70]);
        _adc.Wire(2, _ => levels.Count > 1 ? levels.Dequeue() / 50 : levels.Peek() / 50);
        var sensor = Sensor(new SoundLevelSettings { Channel = 2, Samples = 4, SpacingMilliseconds = 100 });

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(67.40, samples[0].Value, 2);
        Assert.InRange(took.TotalMilliseconds, 300 + 4 * 7.8125, 350);
    }

    [Fact]
    public async Task Levels_round_trip_within_the_adc_resolution_over_the_meter_range()
    {
        var sensor = Sensor();
        var random = new Random(232);
        for (var i = 0; i < 200; i++)
        {
            var level = 30 + random.NextDouble() * 100;
            _street.Set(Quantity.Noise, level);
            // One code at ±4.096 V is 0.125 mV, i.e. 0.00625 dB(A).
            Assert.Equal(level, (await Read(sensor))[0].Value, 0.0063);
        }
    }

    [Fact]
    public async Task A_voltage_outside_the_meter_span_is_a_range_error_naming_the_wiring()
    {
        _adc.Wire(2, _ => 0.02);
        var ex = await Assert.ThrowsAsync<SensorRangeException>(() => Read(Sensor()));
        Assert.Contains("not wired or powered", ex.Message);
    }

    [Fact]
    public async Task An_unplugged_adc_is_absent()
    {
        _adc.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(Sensor()));
    }
}
