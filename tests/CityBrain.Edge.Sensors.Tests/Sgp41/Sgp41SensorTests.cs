using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Configuration;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sgp41;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sgp41;

namespace CityBrain.Edge.Sensors.Tests.Sgp41;

public class Sgp41SensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient()
        .Set(Quantity.VocRaw, 28_431).Set(Quantity.NoxRaw, 15_902).Set(Quantity.Temperature, 22.5).Set(Quantity.Humidity, 50);
    private readonly Sgp41Emulator _chip;

    public Sgp41SensorTests() => _chip = new Sgp41Emulator(_air, _clock);

    private Sgp41Sensor Sensor(Sgp41Settings? settings = null) => new(_chip, "sgp41@1:0x59", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Sgp41Sensor sensor, CancellationToken cancellationToken = default) =>
        _clock.Run(() => sensor.ReadAsync(cancellationToken));

    private Task Compensate(Sgp41Sensor sensor, Quantity quantity, double value) =>
        _clock.Run(async () =>
        {
            await sensor.CompensateAsync(quantity, value, CancellationToken.None);
            return true;
        });

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity).Value;

    [Fact]
    public async Task Without_compensation_values_the_frames_are_the_datasheet_defaults()
    {
        var bus = new RecordingI2cDevice(_chip);
        var sensor = new Sgp41Sensor(bus, "sgp41", _clock);

        var samples = await Read(sensor);

        byte[] conditioning = [0x26, 0x12, 0x80, 0x00, 0xA2, 0x66, 0x66, 0x93];
        byte[] measure = [0x26, 0x19, 0x80, 0x00, 0xA2, 0x66, 0x66, 0x93];
        Assert.Equal([0x28, 0x0E], bus.Writes[0]);
        Assert.Equal(10, bus.Writes.Count(w => w.SequenceEqual(conditioning)));
        // The conditioning ends with a measurement that is discarded; the one reported follows at once.
        Assert.Equal([measure, measure], bus.Writes.TakeLast(2));
        Assert.Equal(13, bus.Writes.Count);
        Assert.Equal([Quantity.VocRaw, Quantity.NoxRaw], samples.Select(s => s.Quantity));
        Assert.Equal(28_431, Value(samples, Quantity.VocRaw));
        Assert.Equal(15_902, Value(samples, Quantity.NoxRaw));
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task Measured_temperature_and_humidity_go_out_as_compensation_words_with_their_crcs()
    {
        var bus = new RecordingI2cDevice(_chip);
        var sensor = new Sgp41Sensor(bus, "sgp41", _clock);
        await Compensate(sensor, Quantity.Temperature, 20);
        await Compensate(sensor, Quantity.Humidity, 60);

        await Read(sensor);
        await Compensate(sensor, Quantity.Temperature, -5.25);
        await Compensate(sensor, Quantity.Humidity, 35.5);
        await Read(sensor);

        // RH 60 % = 0x9999, T 20 °C = 0x5F16; then 35.5 % = 0x5AE1, −5.25 °C = 0x3A26.
        Assert.Contains(bus.Writes, w => w.SequenceEqual(new byte[] { 0x26, 0x12, 0x99, 0x99, 0xBE, 0x5F, 0x16, 0x1A }));
        Assert.Contains(bus.Writes, w => w.SequenceEqual(new byte[] { 0x26, 0x19, 0x99, 0x99, 0xBE, 0x5F, 0x16, 0x1A }));
        Assert.Equal([0x26, 0x19, 0x5A, 0xE1, 0x78, 0x3A, 0x26, 0xFD], bus.Writes[^1]);
        Assert.Equal([Quantity.Temperature, Quantity.Humidity], sensor.CompensatedBy);
    }

    [Fact]
    public async Task Compensation_stays_off_until_both_values_are_known_and_ignores_what_the_words_cannot_carry()
    {
        var sensor = Sensor();
        await Compensate(sensor, Quantity.Temperature, 31);
        await Read(sensor);
        Assert.Equal((Sgp41Commands.DefaultHumidityWord, Sgp41Commands.DefaultTemperatureWord), (_chip.HumidityWord, _chip.TemperatureWord));

        await Compensate(sensor, Quantity.Humidity, 40);
        await Compensate(sensor, Quantity.Humidity, 104);
        await Compensate(sensor, Quantity.Temperature, 140);
        await Compensate(sensor, Quantity.Pressure, 1013);
        await Read(sensor);

        Assert.Equal(40, SensirionTicks.Humidity(_chip.HumidityWord), 0.001);
        Assert.Equal(31, SensirionTicks.Temperature(_chip.TemperatureWord), 0.002);
    }

    [Fact]
    public async Task Humidity_compensation_removes_the_water_vapour_from_the_raw_signals()
    {
        _air.Set(Quantity.Humidity, 80);
        var sensor = Sensor();
        var uncompensated = await Read(sensor);

        await Compensate(sensor, Quantity.Temperature, 22.5);
        await Compensate(sensor, Quantity.Humidity, 80);
        var compensated = await Read(sensor);

        Assert.Equal(28_431 - 30 * Sgp41Emulator.TicksPerPercentHumidity, Value(uncompensated, Quantity.VocRaw), 1);
        Assert.Equal(28_431, Value(compensated, Quantity.VocRaw), 1);
        Assert.Equal(15_902, Value(compensated, Quantity.NoxRaw), 1);
    }

    [Fact]
    public async Task Raw_signals_round_trip_exactly_over_the_whole_range()
    {
        var sensor = Sensor();
        await Read(sensor);
        var random = new Random(41);
        for (var i = 0; i < 200; i++)
        {
            var (voc, nox) = (random.Next(0, 65_536), random.Next(0, 65_536));
            _air.Set(Quantity.VocRaw, voc).Set(Quantity.NoxRaw, nox);
            _clock.Advance(TimeSpan.FromSeconds(1));

            var samples = await Read(sensor);

            Assert.Equal(voc, Value(samples, Quantity.VocRaw));
            Assert.Equal(nox, Value(samples, Quantity.NoxRaw));
        }
    }

    [Fact]
    public async Task Conditioning_runs_at_one_hertz_and_never_longer_than_ten_seconds()
    {
        var sensor = Sensor();

        var (_, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(10, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));
        Assert.InRange(_chip.LongestConditioning.TotalSeconds, 9.8, 10);
        // Self-test, conditioning and the measurement: the first read takes a little over 10 s.
        Assert.InRange(took.TotalSeconds, 10, 10.5);

        // Later reads are single measurements; conditioning comes back only with a new set-up.
        var (_, second) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        Assert.InRange(second.TotalMilliseconds, 50, 60);
        Assert.Equal(10, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));
    }

    [Fact]
    public async Task A_shorter_conditioning_can_be_configured_but_not_a_longer_one()
    {
        await Read(Sensor(new Sgp41Settings { ConditioningSeconds = 3 }));

        Assert.Equal(3, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));
        Assert.InRange(_chip.LongestConditioning.TotalSeconds, 2.8, 3);
        Assert.Single(new Sgp41Settings { ConditioningSeconds = 0 }.Validate());
        Assert.Empty(new Sgp41Settings().Validate());
        var tooLong = Assert.Throws<SensorConfigurationException>(() => new SensorCatalog(_clock).Create(
            new SensorOptions { Type = "sgp41", Sgp41 = new Sgp41Settings { ConditioningSeconds = 11 } }, new EmulatedSensorBus()));
        Assert.Equal("Sgp41.ConditioningSeconds", tooLong.Option);
        Assert.Contains("damages the NOx pixel", tooLong.Message);
    }

    [Fact]
    public async Task The_catalog_builds_it_at_0x59_with_its_settings()
    {
        var bus = new EmulatedSensorBus();
        bus.Attach(_chip);
        using var sensor = new SensorCatalog(_clock).Create(new SensorOptions { Type = "sgp41", Sgp41 = new Sgp41Settings { ConditioningSeconds = 2 } }, bus);

        await _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal("sgp41@1:0x59", sensor.Name);
        Assert.Equal(2, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));
    }

    /// <summary>Lets <paramref name="duration"/> of chip time pass in 1 ms steps, as <see cref="ChipClock.Run{T}"/> does,
    /// while an operation started before runs; then <paramref name="then"/> changes something half-way through it.</summary>
    private void Step(TimeSpan duration, Action then)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            for (var step = 0; step < duration.TotalMilliseconds; step++) _clock.Advance(TimeSpan.FromMilliseconds(1));
            then();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    [Fact]
    public async Task A_read_cancelled_during_conditioning_switches_the_heater_off()
    {
        var sensor = Sensor();
        using var cancel = new CancellationTokenSource();
        var read = sensor.ReadAsync(cancel.Token).AsTask();

        // The cancellation needs no more chip time.
        Step(TimeSpan.FromSeconds(4), cancel.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(_chip.HeaterOn);
        Assert.Equal(Sgp41Commands.TurnHeaterOff, _chip.Commands[^1]);
        Assert.Equal(4, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));
    }

    [Fact]
    public async Task A_corrupt_answer_during_conditioning_switches_the_heater_off_and_the_next_read_starts_over()
    {
        var sensor = Sensor();
        var read = sensor.ReadAsync(CancellationToken.None).AsTask();
        Step(TimeSpan.FromSeconds(5), () => _chip.Faults.CorruptChecksum = true);
        Step(TimeSpan.FromSeconds(2), () => { });

        var error = await Assert.ThrowsAsync<SensorChecksumException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("answer to command 0x2612", error.Message);
        Assert.False(_chip.HeaterOn);
        Assert.Equal(6, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));

        _chip.Faults.CorruptChecksum = false;
        Assert.Equal(28_431, Value(await Read(sensor), Quantity.VocRaw));
        Assert.Equal(2, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteSelfTest));
        Assert.Equal(16, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));
        Assert.InRange(_chip.LongestConditioning.TotalSeconds, 9.8, 10);
    }

    [Fact]
    public async Task A_failed_self_test_is_a_fault_naming_the_pixel_and_nothing_is_conditioned()
    {
        _chip.FailingPixels = Sgp41Pixels.Nox;
        var sensor = Sensor();

        var fault = await Assert.ThrowsAsync<SensorFaultException>(() => Read(sensor));

        Assert.Contains("self-test failed (result 0xD402: Nox pixel(s) broken)", fault.Message);
        Assert.DoesNotContain(_chip.Commands, c => c == Sgp41Commands.ExecuteConditioning);
        Assert.False(_chip.HeaterOn);

        _chip.FailingPixels = Sgp41Pixels.None;
        Assert.Equal(28_431, Value(await Read(sensor), Quantity.VocRaw));
    }

    [Fact]
    public async Task Identifying_reads_the_48_bit_serial_number()
    {
        var identity = await _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None));

        Assert.Equal(new SensorIdentity("SGP41", SerialNumber: "00000A3F91C2"), identity);
    }

    [Fact]
    public async Task A_bad_crc_is_an_error_never_a_value()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.CorruptChecksum = true;

        var error = await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));

        Assert.Contains("answer to command 0x2619", error.Message);
        _chip.Faults.CorruptChecksum = false;
        Assert.Equal(28_431, Value(await Read(sensor), Quantity.VocRaw));
        // A corrupt answer says nothing about the chip's state: no new self-test or conditioning.
        Assert.Single(_chip.Commands, c => c == Sgp41Commands.ExecuteSelfTest);
    }

    [Fact]
    public async Task An_unplugged_chip_is_absent_and_a_replugged_one_is_tested_and_conditioned_again()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.Unplugged = true;

        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;
        var samples = await Read(sensor);

        Assert.Equal(28_431, Value(samples, Quantity.VocRaw));
        Assert.Equal(2, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteSelfTest));
        Assert.Equal(20, _chip.Commands.Count(c => c == Sgp41Commands.ExecuteConditioning));
    }

    [Fact]
    public async Task A_chip_that_refuses_every_read_is_a_nack()
    {
        _chip.Faults.Nack = true;
        await Assert.ThrowsAsync<SensorNackException>(() => Read(Sensor()));
    }

    [Fact]
    public async Task Disposing_switches_the_heater_off()
    {
        var sensor = Sensor();
        await Read(sensor);
        Assert.True(_chip.HeaterOn);

        sensor.Dispose();

        Assert.False(_chip.HeaterOn);
        Assert.Equal(Sgp41Commands.TurnHeaterOff, _chip.Commands[^1]);
    }

    [Fact]
    public async Task Disposing_a_driver_that_never_heated_sends_nothing_and_an_unplugged_chip_never_throws()
    {
        var identified = Sensor();
        await _clock.Run(() => identified.IdentifyAsync(CancellationToken.None));
        identified.Dispose();
        Assert.Equal([Sgp41Commands.GetSerialNumber], _chip.Commands);

        var reading = Sensor();
        await Read(reading);
        _chip.Faults.Unplugged = true;
        reading.Dispose();
        _chip.Faults.Unplugged = false;
        Assert.NotEqual(Sgp41Commands.TurnHeaterOff, _chip.Commands[^1]);
    }
}
