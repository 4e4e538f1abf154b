using CityBrain.Edge.Cli;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Sensors.Probe;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht4x;

namespace CityBrain.Edge.Tests.Cli;

/// <summary>The probe's verdicts on a configuration, against an emulated bus wired differently from what it says.</summary>
public sealed class ProbeScanTests
{
    private readonly EmulatedSensorBus _bus = new();
    private readonly ProbeScan _scan;

    public ProbeScanTests()
    {
        var devices = new DeviceFiles();
        _scan = new ProbeScan(new SensorFactory(TimeProvider.System, devices, _bus), devices, new SensorProbe(TimeProvider.System));
    }

    [Fact]
    public async Task A_sensor_configured_as_another_chip_than_answers_is_told_its_right_type()
    {
        _bus.Attach(new Sht4xEmulator(new Ambient(), TimeProvider.System, 1, 0x44));
        _scan.AddConfigured([new SensorOptions { Type = "sht3x", Name = "sht-box", Emulated = true }]);

        var row = Assert.Single(await _scan.RunAsync(CancellationToken.None));

        Assert.Equal(["I2C bus 1, address 0x44 (emulated)", "SHT4x", "sht4x", "sht-box"], row.Where((_, i) => i != 2));
        Assert.Equal("sht-box is configured as sht3x, but a SHT4x answers at I2C bus 1, address 0x44: correct its Type to sht4x", Assert.Single(_scan.Problems));
    }

    [Fact]
    public async Task A_configured_sensor_that_does_not_answer_is_named_with_its_place_and_the_others_are_found()
    {
        _scan.AddConfigured([
            new SensorOptions { Type = "sht4x", Emulated = true },
            new SensorOptions { Type = "bme280", Name = "bme-mast", Address = 0x77, Emulated = true },
        ]);
        _bus.ChipAt<Sht4xEmulator>(1, 0x44)!.Faults.Unplugged = true;

        var rows = await _scan.RunAsync(CancellationToken.None);

        Assert.Equal([["I2C bus 1, address 0x77 (emulated)", "BME280", "chip id 0x60", "bme280", "bme-mast"],
            ["I2C bus 1, address 0x44 (emulated)", "-", "no answer", "sht4x", "sht4x@1:0x44"]], rows);
        Assert.Equal("sht4x@1:0x44: no sht4x answers at I2C bus 1, address 0x44: check its wiring, power and Address", Assert.Single(_scan.Problems));
    }
}
