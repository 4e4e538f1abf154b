using CityBrain.Edge.Sensors.Bme280;
using CityBrain.Simulators.Chips.Bme280;
using CityBrain.Simulators.Chips.Physical;
using Microsoft.Extensions.Time.Testing;
using static CityBrain.Edge.Sensors.Bme280.Bme280Registers;

namespace CityBrain.Simulators.Chips.Tests.Bme280;

public class Bme280EmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Bme280Emulator _chip;

    public Bme280EmulatorTests() => _chip = new Bme280Emulator(new Ambient(), _clock);

    private byte[] ReadRegisters(byte register, int count)
    {
        var buffer = new byte[count];
        _chip.WriteRead([register], buffer);
        return buffer;
    }

    [Fact]
    public void The_chip_id_and_calibration_sit_where_the_datasheet_puts_them()
    {
        Assert.Equal(0x60, ReadRegisters(ChipId, 1)[0]);
        var calibration = Bme280Calibration.Parse(ReadRegisters(CalibrationTemperaturePressure, 26), ReadRegisters(CalibrationHumidity, 7));
        Assert.Equal(Bme280Emulator.TypicalCalibration, calibration);
    }

    [Fact]
    public void Before_any_measurement_the_data_registers_read_as_skipped()
    {
        var data = ReadRegisters(Data, 8);
        Assert.Equal([0x80, 0, 0, 0x80, 0, 0, 0x80, 0], data);
    }

    [Fact]
    public void A_soft_reset_copies_the_nvm_for_a_moment_and_forgets_the_settings()
    {
        _chip.Write([Config, 0x10, ControlHumidity, 0x01]);
        _chip.Write([Reset, ResetCommand]);

        Assert.Equal(StatusImUpdate, ReadRegisters(Status, 1)[0]);
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal([0, 0, 0], ReadRegisters(Config, 1).Concat(ReadRegisters(ControlHumidity, 1)).Concat(ReadRegisters(Status, 1)));
    }

    [Fact]
    public void A_forced_measurement_shows_as_measuring_for_its_time_then_returns_to_sleep_with_fresh_data()
    {
        _chip.Write([ControlHumidity, 0b001]);
        _chip.Write([ControlMeasurement, ControlMeasurementValue(Bme280Oversampling.X1, Bme280Oversampling.X1, ModeForced)]);

        Assert.Equal(StatusMeasuring, ReadRegisters(Status, 1)[0]);
        _clock.Advance(MaxMeasurementTime(Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.X1));
        Assert.Equal(0, ReadRegisters(Status, 1)[0]);
        Assert.Equal(ModeSleep, ReadRegisters(ControlMeasurement, 1)[0] & 0b11);
        Assert.DoesNotContain(ReadRegisters(Data, 8), b => b == 0x80);
    }

    [Fact]
    public void Ctrl_hum_takes_effect_only_with_the_next_ctrl_meas_write()
    {
        _chip.Write([ControlMeasurement, ControlMeasurementValue(Bme280Oversampling.X1, Bme280Oversampling.X1, ModeForced)]);
        _chip.Write([ControlHumidity, 0b001]);
        _clock.Advance(TimeSpan.FromMilliseconds(20));

        var data = ReadRegisters(Data, 8);
        Assert.Equal([0x80, 0x00], data[6..]);
    }

    [Fact]
    public void Oversampling_x1_gives_16_bit_temperature_and_pressure_readings()
    {
        _chip.Write([ControlMeasurement, ControlMeasurementValue(Bme280Oversampling.X1, Bme280Oversampling.X1, ModeForced)]);
        _clock.Advance(TimeSpan.FromMilliseconds(20));

        var data = ReadRegisters(Data, 6);
        Assert.Equal(0, data[2]);
        Assert.Equal(0, data[5]);
    }

    [Fact]
    public void An_unplugged_chip_fails_every_transfer_and_comes_back_with_its_power_on_state()
    {
        _chip.Write([ControlHumidity, 0b001]);
        _chip.Faults.Unplugged = true;
        Assert.Throws<IOException>(() => ReadRegisters(ChipId, 1));

        _chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(0, ReadRegisters(ControlHumidity, 1)[0]);
    }
}
