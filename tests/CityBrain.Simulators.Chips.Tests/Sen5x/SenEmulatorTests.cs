using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sen5x;
using Microsoft.Extensions.Time.Testing;
using static CityBrain.Edge.Sensors.Sen5x.SenCommands;

namespace CityBrain.Simulators.Chips.Tests.Sen5x;

public class SenEmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Ambient _air = new();

    private static void Send(SensirionChipEmulator chip, ushort command, params ushort[] arguments)
    {
        var frame = new byte[2 + 3 * arguments.Length];
        (frame[0], frame[1]) = ((byte)(command >> 8), (byte)command);
        for (var i = 0; i < arguments.Length; i++) SensirionCrc.WriteWord(frame.AsSpan(2 + 3 * i), arguments[i]);
        chip.Write(frame);
    }

    private ushort[] Query(SensirionChipEmulator chip, ushort command, int words, TimeSpan? wait = null)
    {
        Send(chip, command);
        _clock.Advance(wait ?? CommandTime);
        var answer = new byte[words * 3];
        chip.Read(answer);
        return Enumerable.Range(0, words).Select(i => SensirionCrc.ReadWord(answer, i) ?? throw new InvalidDataException("bad CRC")).ToArray();
    }

    private ushort[] Values(Sen5xEmulator chip) => Query(chip, Sen5xCommands.ReadMeasuredValues, 8);

    [Fact]
    public void Values_are_all_unknown_until_the_first_measurement_a_second_after_the_start()
    {
        var chip = new Sen5xEmulator(_air, _clock);
        Send(chip, StartMeasurement);

        Assert.False(IsDataReady(Query(chip, GetDataReady, 1)[0]));
        Assert.Equal([0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0x7FFF, 0x7FFF, 0x7FFF, 0x7FFF], Values(chip));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(IsDataReady(Query(chip, GetDataReady, 1)[0]));
        var first = Values(chip);
        Assert.Equal((ushort)250, first[1]);
        Assert.Equal((ushort)4000, first[5]);
        Assert.Equal((ushort)1000, first[6]);

        Assert.False(IsDataReady(Query(chip, GetDataReady, 1)[0]));
        Assert.Equal(first, Values(chip));
    }

    [Theory]
    [InlineData("SEN50", 4)]
    [InlineData("SEN54", 7)]
    [InlineData("SEN55", 8)]
    public void Each_variant_names_itself_and_reads_unknown_what_it_lacks(string model, int known)
    {
        var chip = new Sen5xEmulator(_air, _clock, model);
        Send(chip, StartMeasurement);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(model, SensirionWords.Text(Query(chip, GetProductName, TextWords, Sen5xCommands.TextTime)));
        Assert.Equal(known, Values(chip).Count(w => w is not (UnsignedUnknown or SignedUnknown)));
    }

    [Fact]
    public void Nox_is_unknown_for_ten_seconds_after_a_reset()
    {
        var chip = new Sen5xEmulator(_air, _clock);
        Send(chip, DeviceReset);
        _clock.Advance(Sen5xCommands.StopTime);
        Send(chip, StartMeasurement);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SignedUnknown, Values(chip)[7]);

        _clock.Advance(Sen5xCommands.NoxStartUp);
        Assert.Equal((ushort)10, Values(chip)[7]);
    }

    [Fact]
    public void Commands_it_does_not_know_are_nacked_as_the_chip_does()
    {
        var chip = new Sen5xEmulator(_air, _clock);
        Assert.Throws<IOException>(() => Send(chip, 0xD002));
        Assert.Throws<IOException>(() => Send(new Sen66Emulator(_air, _clock), Sen5xCommands.ReadMeasuredValues));
    }

    [Fact]
    public void The_chip_is_deaf_after_a_stop_and_a_wrong_argument_crc_is_nacked()
    {
        var chip = new Sen5xEmulator(_air, _clock);
        Send(chip, StartMeasurement);
        Send(chip, StopMeasurement);
        Assert.Throws<IOException>(() => Send(chip, GetDataReady));
        _clock.Advance(Sen5xCommands.StopTime);
        Send(chip, GetDataReady);

        Assert.Throws<IOException>(() => chip.Write([0x80, 0x04, 0x00, 0x01, 0xB0, 0x51, 0x80, 0xE9]));
    }

    [Fact]
    public void Read_and_clear_clears_the_status_flags()
    {
        var chip = new Sen5xEmulator(_air, _clock);
        chip.Raise(SenStatus.FanErrorBit);

        Assert.Equal([(ushort)0, (ushort)0x10], Query(chip, ReadAndClearDeviceStatus, StatusWords));
        Assert.Equal([(ushort)0, (ushort)0], Query(chip, ReadDeviceStatus, StatusWords));
    }

    [Fact]
    public void A_fan_cleaning_sets_its_flag_and_holds_back_data_for_ten_seconds()
    {
        var chip = new Sen5xEmulator(_air, _clock);
        Send(chip, StartMeasurement);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Send(chip, StartFanCleaning);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(new SenStatus(UInt32(Query(chip, ReadDeviceStatus, StatusWords))).FanCleaning);
        Assert.False(IsDataReady(Query(chip, GetDataReady, 1)[0]));

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(new SenStatus(UInt32(Query(chip, ReadDeviceStatus, StatusWords))).FanCleaning);
        Assert.True(IsDataReady(Query(chip, GetDataReady, 1)[0]));
    }

    [Fact]
    public void A_sen66_adds_co2_after_its_start_up_and_number_concentrations()
    {
        var chip = new Sen66Emulator(_air, _clock);
        Send(chip, StartMeasurement);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(UnsignedUnknown, Query(chip, Edge.Sensors.Sen66.Sen66Commands.ReadMeasuredValues, 9)[8]);

        _clock.Advance(Sen66Emulator.Co2StartUp);
        Assert.Equal((ushort)420, Query(chip, Edge.Sensors.Sen66.Sen66Commands.ReadMeasuredValues, 9)[8]);
        Assert.Equal(
            NumberConcentrations.Select(q => FromConcentration(Ambient.Calm[q])),
            Query(chip, Edge.Sensors.Sen66.Sen66Commands.ReadNumberConcentrations, 5));
    }

    [Fact]
    public void A_sen66_co2_reads_off_without_the_true_pressure()
    {
        _air.Set(Quantity.Pressure, 900).Set(Quantity.Co2, 500);
        var chip = new Sen66Emulator(_air, _clock);
        Send(chip, StartMeasurement);
        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal((ushort)Math.Round(500 * 900 / 1013.0), Query(chip, Edge.Sensors.Sen66.Sen66Commands.ReadMeasuredValues, 9)[8]);

        Send(chip, Edge.Sensors.Sen66.Sen66Commands.AmbientPressure, 900);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((ushort)500, Query(chip, Edge.Sensors.Sen66.Sen66Commands.ReadMeasuredValues, 9)[8]);
    }
}
