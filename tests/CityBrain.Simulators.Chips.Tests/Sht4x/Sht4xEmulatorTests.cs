using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht4x;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Chips.Tests.Sht4x;

public class Sht4xEmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    private Sht4xEmulator Chip() => new(new Ambient().Set(Quantity.Temperature, 25).Set(Quantity.Humidity, 50), _clock);

    [Fact]
    public void A_read_before_the_measurement_time_is_nacked_like_the_real_chip()
    {
        var chip = Chip();
        chip.WriteByte(Sht4xCommands.MeasureHigh);

        Assert.Throws<IOException>(() => chip.Read(new byte[6]));

        _clock.Advance(Sht4xCommands.MeasureTime(Sht4xPrecision.High));
        var answer = new byte[6];
        chip.Read(answer);
        Assert.NotNull(SensirionCrc.ReadWord(answer, 0));
    }

    [Fact]
    public void The_answer_carries_the_datasheet_raw_values_with_valid_crcs()
    {
        var chip = Chip();
        chip.WriteByte(Sht4xCommands.MeasureLow);
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        var answer = new byte[6];
        chip.Read(answer);

        // 25 °C is 0x6666 ticks (−45 + 175·26214/65535); 50 %RH is (50 + 6)·65535/125 = 29360 ticks.
        Assert.Equal((ushort)0x6666, SensirionCrc.ReadWord(answer, 0));
        Assert.Equal((ushort)29360, SensirionCrc.ReadWord(answer, 1));
    }

    [Fact]
    public void An_answer_is_read_once()
    {
        var chip = Chip();
        chip.WriteByte(Sht4xCommands.ReadSerial);
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        chip.Read(new byte[6]);

        Assert.Throws<IOException>(() => chip.Read(new byte[6]));
    }

    [Fact]
    public void Unknown_commands_and_corrupt_answers_behave_as_on_the_bus()
    {
        var chip = Chip();
        Assert.Throws<IOException>(() => chip.WriteByte(0x42));

        chip.Faults.CorruptChecksum = true;
        chip.WriteByte(Sht4xCommands.MeasureLow);
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        var answer = new byte[6];
        chip.Read(answer);
        Assert.Null(SensirionCrc.ReadWord(answer, 1));
    }
}
