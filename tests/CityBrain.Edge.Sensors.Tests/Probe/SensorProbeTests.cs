using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Probe;
using CityBrain.Edge.Sensors.Tests.Sen5x;
using CityBrain.Simulators.Chips.Ads1115;
using CityBrain.Simulators.Chips.Bh1750;
using CityBrain.Simulators.Chips.Bme280;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.MhZ19b;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Pms5003;
using CityBrain.Simulators.Chips.Scd4x;
using CityBrain.Simulators.Chips.Sds011;
using CityBrain.Simulators.Chips.Sen5x;
using CityBrain.Simulators.Chips.Sgp41;
using CityBrain.Simulators.Chips.Sht3x;
using CityBrain.Simulators.Chips.Sht4x;
using CityBrain.Simulators.Chips.Sps30;

namespace CityBrain.Edge.Sensors.Tests.Probe;

public sealed class SensorProbeTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = Ambient.CityDay(TimeSpan.FromHours(8));
    private readonly EmulatedSensorBus _bus = new();

    [Fact]
    public async Task Finds_every_supported_I2C_chip_on_a_bus_with_its_identity()
    {
        _bus.Attach(new Sht4xEmulator(_air, _clock, 1, 0x44));
        _bus.Attach(new Bme280Emulator(_air, _clock, 1, 0x77));
        _bus.Attach(new Scd4xEmulator(_air, _clock, 1, 0x62));
        _bus.Attach(new Ads1115Emulator(_air, _clock, 1, 0x49));
        _bus.Attach(new Bh1750Emulator(_air, _clock, 1, 0x23));
        var sgp41 = _bus.Attach(new Sgp41Emulator(_air, _clock, 1, 0x59));

        var findings = await ScanAsync(1);

        Assert.Equal(["I2C bus 1, address 0x23", "I2C bus 1, address 0x44", "I2C bus 1, address 0x49", "I2C bus 1, address 0x59", "I2C bus 1, address 0x62", "I2C bus 1, address 0x77"],
            findings.Select(f => f.Where));
        Assert.Equal(["BH1750", "SHT4x", "ADS1115", "SGP41", "SCD41", "BME280"], findings.Select(f => f.Model));
        Assert.Equal(["sgp41"], findings.Single(f => f.Address == 0x59).Types);
        Assert.Equal("00000A3F91C2", findings.Single(f => f.Address == 0x59).Identity.SerialNumber);
        // Identifying never heats the SGP41: the probe's driver sends no heater command when it is disposed.
        Assert.Equal([Edge.Sensors.Sgp41.Sgp41Commands.GetSerialNumber], sgp41.Commands);
        var adc = findings.Single(f => f.Address == 0x49);
        Assert.Equal(["ads1115-noise", "ads1115-gas"], adc.Types);
        Assert.Equal(["sht4x"], findings.Single(f => f.Address == 0x44).Types);
        Assert.NotNull(findings.Single(f => f.Address == 0x44).Identity.SerialNumber);
        Assert.Equal("0x60", findings.Single(f => f.Address == 0x77).Identity.ChipId);
        Assert.All(findings, f => Assert.Equal(1, f.Bus));
    }

    [Theory]
    [InlineData("sht3x", "SHT3x")]
    [InlineData("sht4x", "SHT4x")]
    public async Task Tells_an_SHT3x_from_an_SHT4x_at_the_address_they_share(string type, string model)
    {
        _bus.Attach<System.Device.I2c.I2cDevice>(type == "sht3x" ? new Sht3xEmulator(_air, _clock, 1, 0x44) : new Sht4xEmulator(_air, _clock, 1, 0x44));

        var finding = Assert.Single(await ScanAsync(1));

        Assert.Equal(model, finding.Model);
        Assert.Equal([type], finding.Types);
    }

    [Fact]
    public async Task Finds_a_SEN5x_and_a_SEN66_as_the_models_they_name()
    {
        _bus.Attach(new Sen5xEmulator(_air, _clock, "SEN54", 1, 0x69));
        _bus.Attach(new Sen66Emulator(_air, _clock, 1, 0x6B));

        var findings = await ScanAsync(1);

        Assert.Equal([("SEN54", "sen5x", 0x69), ("SEN66", "sen66", 0x6B)], findings.Select(f => (f.Model, f.Types.Single(), f.Address!.Value)));
        Assert.All(findings, f => Assert.NotNull(f.Identity.SerialNumber));
    }

    [Fact]
    public async Task An_SPS30_at_0x69_is_not_taken_for_a_SEN5x()
    {
        _bus.Attach(new Sps30LikeChip(_clock));

        var findings = await ScanAsync(1);

        Assert.DoesNotContain(findings, f => f.Types.Contains("sen5x"));
    }

    [Fact]
    public async Task An_unplugged_chip_is_not_found_and_the_others_still_are()
    {
        _bus.Attach(new Sht4xEmulator(_air, _clock, 1, 0x44)).Faults.Unplugged = true;
        _bus.Attach(new Bme280Emulator(_air, _clock, 1, 0x76));

        var finding = Assert.Single(await ScanAsync(1));

        Assert.Equal(0x76, finding.Address);
    }

    [Fact]
    public async Task An_empty_bus_has_nothing() => Assert.Empty(await ScanAsync(3));

    [Fact]
    public async Task Finds_the_serial_chip_on_each_port_at_its_baud_rate_and_nothing_on_a_silent_one()
    {
        _bus.Attach("/dev/ttyUSB0", new Sds011Emulator(_air, _clock, deviceId: 0xB2C3));
        _bus.Attach("/dev/ttyAMA0", new MhZ19bEmulator(_air, _clock));
        _bus.Attach("/dev/ttyUSB1", new MhZ19bEmulator(_air, _clock)).Faults.Unplugged = true;
        _bus.Attach("/dev/ttyUSB2", new Pms5003Emulator(_air, _clock));

        var sds = await ScanSerialAsync("/dev/ttyUSB0");
        var mhz = await ScanSerialAsync("/dev/ttyAMA0");
        var pms = await ScanSerialAsync("/dev/ttyUSB2");

        Assert.Equal(("SDS011", "/dev/ttyUSB0"), (sds!.Model, sds.Port));
        Assert.Equal(["sds011"], sds.Types);
        Assert.Contains("B2C3", sds.Identity.SerialNumber ?? sds.Identity.ChipId, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["mhz19b"], mhz!.Types);
        Assert.Equal(["pms5003"], pms!.Types);
        Assert.Null(await ScanSerialAsync("/dev/ttyUSB1"));
    }

    [Fact]
    public async Task Finds_an_SPS30_at_0x69_by_its_product_type_with_serial_number_and_firmware()
    {
        var chip = _bus.Attach(new Sps30Emulator(_air, _clock, 1, 0x69));

        var finding = Assert.Single(await ScanAsync(1));

        Assert.Equal(("I2C bus 1, address 0x69", "SPS30"), (finding.Where, finding.Model));
        Assert.Equal(["sps30"], finding.Types);
        Assert.Equal(chip.Chip.SerialNumber, finding.Identity.SerialNumber);
        Assert.Contains("firmware 2.2", finding.Identity.ChipId);
    }

    [Fact]
    public async Task A_chip_at_0x69_that_refuses_the_product_type_command_is_no_SPS30()
    {
        // What a SEN5x does with the SPS30's product-type command: NACK it, as it does every command it does not know.
        _bus.Attach(new Scd4xEmulator(_air, _clock, 1, 0x69));

        Assert.Empty(await ScanAsync(1));
    }

    [Fact]
    public async Task Finds_an_SPS30_on_a_serial_port_at_115200_baud()
    {
        _bus.Attach("/dev/ttyUSB3", new Sps30UartEmulator(_air, _clock));

        var finding = await ScanSerialAsync("/dev/ttyUSB3");

        Assert.Equal(("SPS30", "/dev/ttyUSB3"), (finding!.Model, finding.Port));
        Assert.Equal(["sps30-uart"], finding.Types);
        Assert.NotNull(finding.Identity.SerialNumber);
    }

    [Fact]
    public async Task A_port_that_does_not_exist_is_an_error_not_an_empty_port()
    {
        var missing = await Assert.ThrowsAsync<SensorAbsentException>(() => new SensorProbe(_clock).ScanSerialAsync(_bus, "/dev/ttyUSB9", CancellationToken.None));
        Assert.Contains("/dev/ttyUSB9 does not exist", missing.Message);
    }

    private async Task<ProbeFinding?> ScanSerialAsync(string port) =>
        await _clock.Run(() => new ValueTask<ProbeFinding?>(new SensorProbe(_clock).ScanSerialAsync(_bus, port, CancellationToken.None)));

    private async Task<IReadOnlyList<ProbeFinding>> ScanAsync(int busId) =>
        await _clock.Run(() => new ValueTask<IReadOnlyList<ProbeFinding>>(new SensorProbe(_clock).ScanI2cAsync(_bus, busId, CancellationToken.None)));
}
