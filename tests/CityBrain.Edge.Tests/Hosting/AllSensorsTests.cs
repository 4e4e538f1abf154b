using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors.GasCells;
using CityBrain.Edge.Sensors.Sgp41;
using CityBrain.Edge.Sensors.SoundLevel;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Sgp41;
using CityBrain.Simulators.Chips.Uart;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Edge.Tests.Hosting;

/// <summary>A gateway with every chip of the catalog, on emulators, running the real drivers: every quantity reaches
/// the broker, and a chip that is unplugged or answers with corrupt checksums costs only its own values.</summary>
public sealed class AllSensorsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    private static List<SensorOptions> EveryChip() =>
    [
        new() { Type = "sht4x", Address = 0x44, Emulated = true },
        new() { Type = "sht3x", Address = 0x45, Emulated = true },
        new() { Type = "bme280", Address = 0x76, Emulated = true },
        new() { Type = "scd4x", Emulated = true },
        new() { Type = "bh1750", Emulated = true },
        new() { Type = "sds011", Port = "/dev/ttyUSB0", Emulated = true },
        new() { Type = "mhz19b", Port = "/dev/ttyAMA0", Emulated = true },
        new() { Type = "pms5003", Port = "/dev/ttyUSB1", Emulated = true },
        // On bus 2: the SPS30 shares 0x69 with the SEN5x.
        new() { Type = "sen5x", Bus = 2, Emulated = true },
        new() { Type = "sen66", Emulated = true },
        new() { Type = "sps30", Emulated = true },
        new() { Type = "sps30-uart", Port = "/dev/ttyUSB2", Emulated = true },
        // The emulated street changes its level by less than the ADC's step within minutes; a real one never holds
        // still, so the stuck check (60 identical samples, 12 s here) is off for it: the test outlasts that.
        new()
        {
            Type = "ads1115-noise", Address = 0x4A, Emulated = true, Noise = new SoundLevelSettings { Channel = 0 },
            Limits = { ["noise"] = new LimitOptions { StuckAfter = 0 } },
        },
        new()
        {
            Type = "ads1115-gas", Address = 0x48, Emulated = true, Gas = new GasCellSettings
            {
                Cells =
                [
                    new() { Gas = Quantity.No2, WorkingChannel = 0, AuxiliaryChannel = 1, WorkingZeroMillivolts = 295, AuxiliaryZeroMillivolts = 282, SensitivityMillivoltsPerPpb = -0.31 },
                    new() { Gas = Quantity.O3, WorkingChannel = 2, AuxiliaryChannel = 3, WorkingZeroMillivolts = 410, AuxiliaryZeroMillivolts = 398, SensitivityMillivoltsPerPpb = -0.39, No2SensitivityMillivoltsPerPpb = -0.33 },
                    new() { Gas = Quantity.Co, Address = 0x49, WorkingChannel = 0, AuxiliaryChannel = 1, WorkingZeroMillivolts = 270, AuxiliaryZeroMillivolts = 262, SensitivityMillivoltsPerPpb = 0.43 },
                ],
            },
        },
        // A short conditioning keeps the test short: the default 10 s would hold up the SGP41's first values as long.
        new() { Type = "sgp41", Emulated = true, Sgp41 = new Sgp41Settings { ConditioningSeconds = 1 } },
    ];

    private static readonly Quantity[] Expected =
        [Quantity.Temperature, Quantity.Humidity, Quantity.Pressure, Quantity.Co2, Quantity.Illuminance, Quantity.Noise, Quantity.No2, Quantity.O3, Quantity.Co,
            Quantity.Pm4, Quantity.VocIndex, Quantity.NoxIndex, Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10,
            Quantity.VocRaw, Quantity.NoxRaw];

    [Fact]
    public async Task Every_quantity_arrives_and_a_broken_chip_costs_only_its_own_values()
    {
        var options = GatewayHosts.Options(_broker, _dir.Path, "gw-all");
        options.Sensors = EveryChip();
        using var gateway = GatewayHosts.Build(options);
        await gateway.StartAsync();

        await Eventually.HoldsAsync(() => Expected.All(q => _broker.Telemetry.Any(t => t.Readings.Any(r => r.Quantity == q && r.Quality == Quality.Ok))),
            "an ok value of every quantity", TimeSpan.FromSeconds(60));

        // The serial particle and CO₂ sensors are still warming up (their values flagged, never clean zeros).
        await Eventually.HoldsAsync(() => new[] { "sds011@ttyUSB0", "mhz19b@ttyAMA0", "pms5003@ttyUSB1", "sps30@1:0x69", "sps30-uart@ttyUSB2" }.All(s => _broker.Telemetry.Any(t => t.Readings.Any(r => r.Sensor == s && r.Value > 0))),
            "values from the serial sensors", TimeSpan.FromSeconds(30));
        var before = _broker.Telemetry.SelectMany(t => t.Readings).ToList();
        Assert.Contains(before, r => r.Sensor == "sds011@ttyUSB0" && r.Quantity == Quantity.Pm2_5 && r.Value > 0);
        Assert.Contains(before, r => r.Sensor == "sds011@ttyUSB0" && r.Quantity == Quantity.Pm10 && r.Value > 0);
        Assert.Contains(before, r => r.Sensor == "pms5003@ttyUSB1" && r.Quantity == Quantity.Pm1 && r.Value > 0);
        Assert.Contains(before, r => r.Sensor == "bme280@1:0x76" && r.Quantity == Quantity.Pressure && r.Quality == Quality.Ok);
        Assert.Contains(before, r => r.Sensor == "sht3x@1:0x45" && r.Quality == Quality.Ok);
        // The SEN5x's NOx index and the SEN66's CO₂ come after their sensors' first seconds.
        await Eventually.HoldsAsync(() => new[] { ("sen5x@2:0x69", Quantity.NoxIndex), ("sen66@1:0x6b", Quantity.Co2) }
            .All(x => _broker.Telemetry.Any(t => t.Readings.Any(r => r.Sensor == x.Item1 && r.Quantity == x.Item2 && r.Quality == Quality.Ok))),
            "NOx from the SEN5x and CO₂ from the SEN66", TimeSpan.FromSeconds(30));
        // The SPS30 on both links: every one of its quantities (suspect during its 8 s start-up, which this test does
        // not wait out: the emulated noise meter would count as stuck by then).
        foreach (var sensor in new[] { "sps30@1:0x69", "sps30-uart@ttyUSB2" })
        {
            foreach (var quantity in new[] { Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10 })
            {
                Assert.Contains(before, r => r.Sensor == sensor && r.Quantity == quantity && r.Value > 0);
            }
        }

        var bus = gateway.Services.GetRequiredService<EmulatedSensorBus>();
        // The SGP41 measures with its neighbours' temperature and humidity, not the defaults that switch compensation off.
        var sgp41 = bus.ChipAt<Sgp41Emulator>(1, 0x59)!;
        Assert.NotEqual((Sgp41Commands.DefaultHumidityWord, Sgp41Commands.DefaultTemperatureWord), (sgp41.HumidityWord, sgp41.TemperatureWord));
        bus.ChipAt<I2cChipEmulator>(1, 0x76)!.Faults.Unplugged = true;
        bus.ChipAt<I2cChipEmulator>(1, 0x45)!.Faults.CorruptChecksum = true;
        bus.ChipOn<UartEmulator>("/dev/ttyUSB0")!.Faults.CorruptChecksum = true;
        bus.ChipOn<UartEmulator>("/dev/ttyAMA0")!.Faults.Garbage = true;
        bus.ChipOn<UartEmulator>("/dev/ttyUSB1")!.Faults.Unplugged = true;
        var broken = DateTimeOffset.UtcNow.AddSeconds(2);

        await Eventually.HoldsAsync(() => _broker.Telemetry.Count(t => t.Timestamp > broken) >= 3, "three reports after the faults", TimeSpan.FromSeconds(30));
        var after = _broker.Telemetry.Where(t => t.Timestamp > broken).ToList();
        // Corrupt data never goes out as a clean value, and the other chips carry on.
        Assert.DoesNotContain(after.SelectMany(t => t.Readings), r => r.Sensor is "bme280@1:0x76" or "sht3x@1:0x45" && r.Quality == Quality.Ok);
        Assert.DoesNotContain(after.SelectMany(t => t.Readings), r => r.Sensor is "sds011@ttyUSB0" or "pms5003@ttyUSB1" && r.Value is not null);
        // Garbage between frames is skipped: the MH-Z19B's values go on.
        Assert.Contains(after.SelectMany(t => t.Readings), r => r.Sensor == "mhz19b@ttyAMA0" && r.Value > 0);
        foreach (var quantity in new[] { Quantity.Co2, Quantity.Illuminance, Quantity.Noise, Quantity.No2, Quantity.O3, Quantity.Co, Quantity.VocRaw, Quantity.NoxRaw })
        {
            Assert.Contains(after.SelectMany(t => t.Readings), r => r.Quantity == quantity && r.Quality == Quality.Ok);
        }
        Assert.Contains(after.SelectMany(t => t.Readings), r => r.Sensor == "sht4x@1:0x44" && r.Quality == Quality.Ok);

        await Eventually.HoldsAsync(() => LatestHealth() is { } h && h.Sensors.Any(s => s.Sensor == "bme280@1:0x76" && s.Errors > 0)
            && h.Sensors.Any(s => s.Sensor == "sht3x@1:0x45" && s.Errors > 0) && h.Sensors.Any(s => s.Sensor == "sds011@ttyUSB0" && s.Errors > 0),
            "the errors counted in health", TimeSpan.FromSeconds(30));
        // The healthy chips keep reading: on a loaded machine a real-time deadline may slip now and then, never more.
        Assert.All(LatestHealth()!.Sensors.Where(s => s.Sensor is "sht4x@1:0x44" or "scd4x@1:0x62" or "sen5x@2:0x69" or "sen66@1:0x6b"),
            s => Assert.True(s.Errors * 10 <= s.Samples, $"{s.Sensor}: {s.Errors} errors in {s.Samples} samples, the last: {s.LastError}"));
        await gateway.StopAsync();
        // Stopping disposes the drivers: the SGP41's heater goes off with it.
        Assert.False(sgp41.HeaterOn);
    }

    private Contracts.Payloads.Health? LatestHealth()
    {
        var last = _broker.Other.LastOrDefault(m => m.Topic.EndsWith("/health", StringComparison.Ordinal));
        if (last.Payload is null) return null;
        var health = WireFormat.ParseHealth(new(last.Payload));
        return health.Ok ? health.Value : null;
    }
}
