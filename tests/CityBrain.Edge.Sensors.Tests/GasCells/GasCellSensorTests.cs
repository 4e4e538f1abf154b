using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Edge.Sensors.GasCells;
using CityBrain.Edge.Sensors.Transport;
using CityBrain.Simulators.Chips.Ads1115;
using CityBrain.Simulators.Chips.Analog;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.GasCells;

public class GasCellSensorTests
{
    private static readonly List<TemperatureFactor> No2Factors =
    [
        new() { Celsius = -30, Factor = 1.3 },
        new() { Celsius = 20, Factor = 1.0 },
        new() { Celsius = 50, Factor = 0.6 },
    ];

    /// <summary>Two boards: NO2 and OX on the ADS1115 at 0x48, CO on the one at 0x49.</summary>
    private static readonly GasCellSettings Settings = new()
    {
        Range = Ads1115Range.Fs2_048,
        Cells =
        [
            new() { Gas = Quantity.No2, WorkingChannel = 0, AuxiliaryChannel = 1, WorkingZeroMillivolts = 295, AuxiliaryZeroMillivolts = 282, SensitivityMillivoltsPerPpb = -0.31, TemperatureFactors = No2Factors },
            new() { Gas = Quantity.O3, WorkingChannel = 2, AuxiliaryChannel = 3, WorkingZeroMillivolts = 410, AuxiliaryZeroMillivolts = 398, SensitivityMillivoltsPerPpb = -0.39, No2SensitivityMillivoltsPerPpb = -0.33 },
            new() { Gas = Quantity.Co, Address = 0x49, WorkingChannel = 0, AuxiliaryChannel = 1, WorkingZeroMillivolts = 270, AuxiliaryZeroMillivolts = 262, SensitivityMillivoltsPerPpb = 0.43 },
        ],
    };

    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.No2, 85).Set(Quantity.O3, 120).Set(Quantity.Co, 1.6).Set(Quantity.Temperature, 20);
    private readonly Ads1115Emulator _board1, _board2;

    public GasCellSensorTests()
    {
        _board1 = new Ads1115Emulator(_air, _clock, address: 0x48);
        _board2 = new Ads1115Emulator(_air, _clock, address: 0x49);
        foreach (var cell in Settings.Cells)
        {
            var board = cell.Address == 0x49 ? _board2 : _board1;
            board.Wire(cell.WorkingChannel, GasCellSignals.Working(cell, _air)).Wire(cell.AuxiliaryChannel, GasCellSignals.Auxiliary(cell, _air));
        }
    }

    private GasCellSensor Sensor() => new(new Dictionary<int, Ads1115Adc>
    {
        [0x48] = new(new I2cChannel(_board1, "gas"), _clock, "gas"),
        [0x49] = new(new I2cChannel(_board2, "gas"), _clock, "gas"),
    }, 0x48, "gas@1:0x48", _clock, Settings);

    private Task<IReadOnlyList<SensorSample>> Read(GasCellSensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity).Value;

    [Theory]
    [InlineData(Quantity.No2, 1, 1.8816)]
    [InlineData(Quantity.O3, 1, 1.9631)]
    [InlineData(Quantity.Co, 1000, 1.1456)]
    public void Ppb_become_the_contract_units_at_25_degrees_and_one_atmosphere(Quantity gas, double ppb, double value) =>
        Assert.Equal(value, GasUnits.FromPpb(gas, ppb), 4);

    [Fact]
    public void Algorithm_1_takes_the_temperature_scaled_auxiliary_change_off_the_working_electrode()
    {
        var cell = Settings.Cells[0];
        // nT at 35 °C is halfway between 1.0 (20 °C) and 0.6 (50 °C): 0.8. WEc = (280 − 295) − 0.8·(290 − 282) = −21.4 mV.
        var corrected = AlphasenseAlgorithm.CorrectedWorking(cell, 280, 290, 35);

        Assert.Equal(-21.4, corrected, 9);
        Assert.Equal(-21.4 / -0.31, AlphasenseAlgorithm.Ppb(cell, corrected, 0), 9);
    }

    [Theory]
    [InlineData(-40, 1.3)]
    [InlineData(-5, 1.15)]
    [InlineData(60, 0.6)]
    public void The_temperature_factor_is_interpolated_and_held_beyond_the_table(double celsius, double factor) =>
        Assert.Equal(factor, AlphasenseAlgorithm.TemperatureFactor(No2Factors, celsius), 9);

    [Fact]
    public void The_ox_cell_has_the_no2_it_also_sees_taken_off()
    {
        var ox = Settings.Cells[1];
        // WEc = −0.39·100 + −0.33·50 = −55.5 mV for 100 ppb O3 with 50 ppb NO2.
        Assert.Equal(100, AlphasenseAlgorithm.Ppb(ox, -55.5, 50), 9);
    }

    [Fact]
    public async Task Reads_every_cell_in_the_contract_units()
    {
        var samples = await Read(Sensor());

        Assert.Equal([Quantity.No2, Quantity.O3, Quantity.Co], samples.Select(s => s.Quantity));
        Assert.Equal(85, Value(samples, Quantity.No2), 0.3);
        Assert.Equal(120, Value(samples, Quantity.O3), 0.3);
        Assert.Equal(1.6, Value(samples, Quantity.Co), 0.01);
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task The_temperature_fed_by_the_gateway_selects_the_correction()
    {
        _air.Set(Quantity.Temperature, 38);
        var sensor = Sensor();
        var uncorrected = Value(await Read(sensor), Quantity.No2);

        sensor.SetTemperature(38);
        var corrected = Value(await Read(sensor), Quantity.No2);

        Assert.NotEqual(85, uncorrected, 0.3);
        Assert.Equal(85, corrected, 0.3);
    }

    [Fact]
    public async Task Concentrations_round_trip_within_the_adc_resolution_over_the_range()
    {
        var sensor = Sensor();
        var random = new Random(803);
        for (var i = 0; i < 100; i++)
        {
            // The boards' outputs stay inside the ADC's ±2.048 V up to about these city extremes.
            var (no2, o3, co, celsius) = (random.NextDouble() * 800, random.NextDouble() * 800, random.NextDouble() * 4, -20 + random.NextDouble() * 60);
            _air.Set(Quantity.No2, no2).Set(Quantity.O3, o3).Set(Quantity.Co, co).Set(Quantity.Temperature, celsius);
            sensor.SetTemperature(celsius);

            var samples = await Read(sensor);

            // One ADC code at ±2.048 V is 0.0625 mV; the working and auxiliary codes each cost up to half of one.
            Assert.Equal(no2, Value(samples, Quantity.No2), GasUnits.FromPpb(Quantity.No2, 0.0625 * 1.3 / 0.31));
            Assert.Equal(co, Value(samples, Quantity.Co), GasUnits.FromPpb(Quantity.Co, 0.0625 / 0.43));
            Assert.Equal(o3, Value(samples, Quantity.O3), GasUnits.FromPpb(Quantity.O3, 0.0625 * 3 / 0.39));
        }
    }

    [Fact]
    public async Task A_reading_below_zero_is_reported_as_zero_and_flagged()
    {
        _air.Set(Quantity.No2, 0);
        _board1.Wire(0, at => GasCellSignals.Working(Settings.Cells[0], _air)(at) + 0.002);

        var sample = (await Read(Sensor())).Single(s => s.Quantity == Quantity.No2);

        Assert.Equal(0, sample.Value);
        Assert.Equal(Quality.Suspect, sample.Quality);
        Assert.Contains("below the cell's zero", sample.Reason);
    }

    [Fact]
    public async Task A_board_that_reads_zero_volts_is_a_range_error_naming_the_electrode()
    {
        _board2.Wire(1, _ => 0);

        var ex = await Assert.ThrowsAsync<SensorRangeException>(() => Read(Sensor()));
        Assert.Contains("Co cell's auxiliary electrode", ex.Message);
    }
}
