using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Bh1750;
using CityBrain.Simulators.Chips.Bh1750;
using CityBrain.Simulators.Chips.Physical;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Chips.Tests.Bh1750;

public class Bh1750EmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Ambient _light = new Ambient().Set(Quantity.Illuminance, 100);
    private readonly Bh1750Emulator _chip;

    public Bh1750EmulatorTests() => _chip = new Bh1750Emulator(_light, _clock);

    private int Count()
    {
        var data = new byte[2];
        _chip.Read(data);
        return data[0] << 8 | data[1];
    }

    [Fact]
    public void Two_opcodes_in_one_write_are_refused() =>
        Assert.Throws<IOException>(() => _chip.Write([Bh1750Commands.PowerOn, Bh1750Commands.OneTime(Bh1750Resolution.High)]));

    [Fact]
    public void The_data_register_keeps_the_previous_result_until_the_measurement_completes()
    {
        _chip.WriteByte(Bh1750Commands.PowerOn);
        _chip.WriteByte(Bh1750Commands.OneTime(Bh1750Resolution.High));
        _clock.Advance(TimeSpan.FromMilliseconds(120));
        Assert.Equal(120, Count());

        _light.Set(Quantity.Illuminance, 200);
        _chip.WriteByte(Bh1750Commands.PowerOn);
        _chip.WriteByte(Bh1750Commands.OneTime(Bh1750Resolution.High));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(120, Count());
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(240, Count());
    }

    [Fact]
    public void A_reset_clears_the_data_register_only_while_powered()
    {
        _chip.WriteByte(Bh1750Commands.OneTime(Bh1750Resolution.High));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        _chip.WriteByte(Bh1750Commands.Reset);
        Assert.Equal(120, Count());

        _chip.WriteByte(Bh1750Commands.PowerOn);
        _chip.WriteByte(Bh1750Commands.Reset);
        Assert.Equal(0, Count());
    }

    [Fact]
    public void Mtreg_scales_counts_and_time()
    {
        var (high, low) = Bh1750Commands.MeasurementTime(138);
        _chip.WriteByte(high);
        _chip.WriteByte(low);
        _chip.WriteByte(Bh1750Commands.Continuous(Bh1750Resolution.High2));
        _clock.Advance(TimeSpan.FromMilliseconds(239));
        Assert.Equal(0, Count());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(480, Count());
    }
}
