using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Scd4x;
using Microsoft.Extensions.Time.Testing;
using static CityBrain.Edge.Sensors.Scd4x.Scd4xCommands;

namespace CityBrain.Simulators.Chips.Tests.Scd4x;

public class Scd4xEmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Scd4xEmulator _chip;

    public Scd4xEmulatorTests() => _chip = new Scd4xEmulator(new Ambient(), _clock);

    private void Send(ushort command, params ushort[] arguments)
    {
        var frame = new byte[2 + 3 * arguments.Length];
        (frame[0], frame[1]) = ((byte)(command >> 8), (byte)command);
        for (var i = 0; i < arguments.Length; i++) SensirionCrc.WriteWord(frame.AsSpan(2 + 3 * i), arguments[i]);
        _chip.Write(frame);
    }

    private ushort[] Query(ushort command, int words)
    {
        Send(command);
        _clock.Advance(CommandTime);
        var answer = new byte[words * 3];
        _chip.Read(answer);
        return Enumerable.Range(0, words).Select(i => SensirionCrc.ReadWord(answer, i) ?? throw new InvalidDataException("bad CRC")).ToArray();
    }

    [Fact]
    public void Data_become_ready_every_five_seconds_and_a_measurement_is_read_once()
    {
        Send(StartPeriodic);
        Assert.False(IsDataReady(Query(GetDataReady, 1)[0]));

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(IsDataReady(Query(GetDataReady, 1)[0]));
        Assert.Equal((ushort)420, Query(ReadMeasurement, 3)[0]);

        Assert.False(IsDataReady(Query(GetDataReady, 1)[0]));
        Assert.Throws<IOException>(() => Query(ReadMeasurement, 3));
    }

    [Fact]
    public void Settings_are_refused_during_a_measurement_and_the_chip_is_deaf_for_500_ms_after_stopping()
    {
        Send(StartPeriodic);
        Assert.Throws<IOException>(() => Send(SetTemperatureOffset, 0x07E6));

        Send(StopPeriodic);
        Assert.Throws<IOException>(() => Send(SetTemperatureOffset, 0x07E6));
        _clock.Advance(StopTime);
        Send(SetTemperatureOffset, 0x07E6);
        Assert.Equal((ushort)0x07E6, Query(GetTemperatureOffset, 1)[0]);
    }

    [Fact]
    public void An_argument_word_with_a_wrong_crc_is_nacked() =>
        Assert.Throws<IOException>(() => _chip.Write([0x24, 0x1D, 0x07, 0xE6, 0x49]));

    [Fact]
    public void Serial_number_and_variant_answer_as_three_words_and_one()
    {
        Assert.Equal([(ushort)0x9A3B, (ushort)0x7C0D, (ushort)0x2E11], Query(GetSerialNumber, 3));
        Assert.Equal("SCD41", Variant(Query(GetVariant, 1)[0]));
    }
}
