using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sgp41;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sgp41;
using Microsoft.Extensions.Time.Testing;
using static CityBrain.Edge.Sensors.Sgp41.Sgp41Commands;

namespace CityBrain.Simulators.Chips.Tests.Sgp41;

public class Sgp41EmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Ambient _air = new Ambient().Set(Quantity.VocRaw, 30_123).Set(Quantity.NoxRaw, 14_321).Set(Quantity.Humidity, 50);
    private readonly Sgp41Emulator _chip;

    public Sgp41EmulatorTests() => _chip = new Sgp41Emulator(_air, _clock);

    private void Send(ushort command, params ushort[] arguments)
    {
        var frame = new byte[2 + 3 * arguments.Length];
        (frame[0], frame[1]) = ((byte)(command >> 8), (byte)command);
        for (var i = 0; i < arguments.Length; i++) SensirionCrc.WriteWord(frame.AsSpan(2 + 3 * i), arguments[i]);
        _chip.Write(frame);
    }

    private ushort[] Read(int words)
    {
        var answer = new byte[words * 3];
        _chip.Read(answer);
        return Enumerable.Range(0, words).Select(i => SensirionCrc.ReadWord(answer, i) ?? throw new InvalidDataException("bad CRC")).ToArray();
    }

    private ushort[] Query(ushort command, int words, TimeSpan wait, params ushort[] arguments)
    {
        Send(command, arguments);
        _clock.Advance(wait);
        return Read(words);
    }

    [Fact]
    public void Conditioning_answers_the_voc_signal_alone_and_a_measurement_both_signals_after_50_ms()
    {
        Send(ExecuteConditioning, DefaultHumidityWord, DefaultTemperatureWord);
        Assert.Throws<IOException>(() => Read(1));
        _clock.Advance(ConditioningTime);
        Assert.Equal([(ushort)30_123], Read(1));

        Assert.Equal([(ushort)30_123, (ushort)14_321], Query(MeasureRawSignals, 2, MeasureTime, DefaultHumidityWord, DefaultTemperatureWord));
        // An answer is read once.
        Assert.Throws<IOException>(() => Read(2));
    }

    [Fact]
    public void The_heater_runs_from_the_first_conditioning_until_turned_off_and_the_conditioning_is_timed()
    {
        Assert.False(_chip.HeaterOn);
        for (var i = 0; i < 10; i++)
        {
            Query(ExecuteConditioning, 1, TimeSpan.FromSeconds(1), DefaultHumidityWord, DefaultTemperatureWord);
        }
        Assert.True(_chip.HeaterOn);
        Query(MeasureRawSignals, 2, MeasureTime, DefaultHumidityWord, DefaultTemperatureWord);

        Send(TurnHeaterOff);

        Assert.False(_chip.HeaterOn);
        Assert.Equal(TimeSpan.FromSeconds(10), _chip.LongestConditioning);
    }

    [Fact]
    public void The_self_test_passes_with_0xD400_and_a_fault_names_the_broken_pixels()
    {
        Assert.Equal([(ushort)0xD400], Query(ExecuteSelfTest, 1, SelfTestTime));

        _chip.FailingPixels = Sgp41Pixels.Voc | Sgp41Pixels.Nox;
        var failed = Query(ExecuteSelfTest, 1, SelfTestTime)[0];

        Assert.False(SelfTestPassed(failed));
        Assert.Equal(Sgp41Pixels.Voc | Sgp41Pixels.Nox, FailedPixels(failed));
    }

    [Fact]
    public void The_serial_number_answers_as_three_words() =>
        Assert.Equal([(ushort)0x0000, (ushort)0x0A3F, (ushort)0x91C2], Query(GetSerialNumber, 3, CommandTime));

    [Fact]
    public void The_signals_shift_with_the_humidity_the_chip_was_not_told_of()
    {
        _air.Set(Quantity.Humidity, 70);

        var uncompensated = Query(MeasureRawSignals, 2, MeasureTime, DefaultHumidityWord, DefaultTemperatureWord);
        var compensated = Query(MeasureRawSignals, 2, MeasureTime, SensirionTicks.FromHumidity(70), DefaultTemperatureWord);

        Assert.Equal([(ushort)(30_123 - 20 * Sgp41Emulator.TicksPerPercentHumidity), (ushort)(14_321 - 20 * Sgp41Emulator.TicksPerPercentHumidity)], uncompensated);
        Assert.Equal([(ushort)30_123, (ushort)14_321], compensated);
    }

    [Fact]
    public void Unknown_commands_missing_compensation_words_and_bad_crcs_are_nacked()
    {
        // The SGP40's measure_raw, which the SGP41 does not know.
        Assert.Throws<IOException>(() => Send(0x260F, DefaultHumidityWord, DefaultTemperatureWord));
        Assert.Throws<IOException>(() => Send(MeasureRawSignals));
        Assert.Throws<IOException>(() => _chip.Write([0x26, 0x19, 0x80, 0x00, 0xA2, 0x66, 0x66, 0x94]));
        Assert.False(_chip.HeaterOn);
    }

    [Fact]
    public void A_replugged_chip_comes_back_idle()
    {
        Query(MeasureRawSignals, 2, MeasureTime, DefaultHumidityWord, DefaultTemperatureWord);
        _chip.Faults.Unplugged = true;
        Assert.Throws<IOException>(() => Send(GetSerialNumber));
        _chip.Faults.Unplugged = false;

        Assert.Equal(3, Query(GetSerialNumber, 3, CommandTime).Length);
        Assert.False(_chip.HeaterOn);
    }
}
