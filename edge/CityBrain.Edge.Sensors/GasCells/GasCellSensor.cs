using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Ads1115;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.GasCells;

/// <summary>Alphasense B4 electrochemical cells (NO2-B43F, OX-B431, CO-B4) on ISB/AFE boards, their working and
/// auxiliary electrodes read single-ended by ADS1115s, converted with AAN 803 algorithm 1 and the cells' calibration
/// sheets, and reported in the contract's units (NO₂, O₃ in µg/m³, CO in mg/m³, at 25 °C and 1 atm).</summary>
public sealed class GasCellSensor : SensorDriver, ICompensated
{
    private readonly IReadOnlyDictionary<int, Ads1115Adc> _adcs;
    private readonly GasCellSettings _settings;
    private readonly int _address;
    private double _temperature;

    /// <param name="adcs">The ADS1115s by address: the sensor's own (<paramref name="address"/>) and any a cell names.</param>
    public GasCellSensor(IReadOnlyDictionary<int, Ads1115Adc> adcs, int address, string name, TimeProvider time, GasCellSettings settings, ILogger? logger = null)
        : base(name, new AdcSet(adcs.Values), time, logger)
    {
        _adcs = adcs;
        _address = address;
        _settings = settings;
        _temperature = settings.Temperature;
        Quantities = settings.Cells.Select(c => c.Gas).ToList();
    }

    public override string Model => "Alphasense B4";

    public override IReadOnlyList<Quantity> Quantities { get; }

    public IReadOnlyList<Quantity> CompensatedBy { get; } = [Quantity.Temperature];

    /// <summary>The cells' temperature for the correction, e.g. from a BME280 in the same housing.</summary>
    public void SetTemperature(double celsius) => Interlocked.Exchange(ref _temperature, celsius);

    public ValueTask CompensateAsync(Quantity quantity, double value, CancellationToken cancellationToken)
    {
        if (quantity == Quantity.Temperature && double.IsFinite(value)) SetTemperature(value);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        var configs = _adcs.OrderBy(a => a.Key).Select(a => $"ADS1115 0x{a.Key:X2} config 0x{a.Value.Identify():X4}");
        return ValueTask.FromResult(new SensorIdentity(Model, ChipId: string.Join(", ", configs)));
    }

    protected override ValueTask InitialiseAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        var celsius = Volatile.Read(ref _temperature);
        var ppb = new Dictionary<Quantity, double>();
        // The OX cell's correction needs the NO₂ reading, so NO₂ goes first.
        foreach (var cell in _settings.Cells.OrderBy(c => c.Gas == Quantity.No2 ? 0 : 1))
        {
            var working = await ReadMillivoltsAsync(cell, cell.WorkingChannel, "working", cancellationToken).ConfigureAwait(false);
            var auxiliary = await ReadMillivoltsAsync(cell, cell.AuxiliaryChannel, "auxiliary", cancellationToken).ConfigureAwait(false);
            var corrected = AlphasenseAlgorithm.CorrectedWorking(cell, working, auxiliary, celsius);
            ppb[cell.Gas] = AlphasenseAlgorithm.Ppb(cell, corrected, ppb.GetValueOrDefault(Quantity.No2));
        }
        return _settings.Cells.Select(cell => ToSample(cell.Gas, ppb[cell.Gas])).ToList();
    }

    /// <summary>Near zero a cell's noise swings both ways; a reading below zero is reported as zero and flagged.</summary>
    private SensorSample ToSample(Quantity gas, double ppb)
    {
        var info = gas.Info();
        var value = GasUnits.FromPpb(gas, ppb);
        return value < 0
            ? Sample(gas, 0, new PhysicalRange(info.Min, info.Max), Quality.Suspect, $"{value:F1} {gas.Unit()} measured, below the cell's zero: reported as 0")
            : Sample(gas, value, new PhysicalRange(info.Min, info.Max));
    }

    private async ValueTask<double> ReadMillivoltsAsync(GasCellCalibration cell, int channel, string electrode, CancellationToken cancellationToken)
    {
        var adc = _adcs[cell.Address == 0 ? _address : cell.Address];
        var volts = await adc.ReadVoltsAsync(Ads1115Registers.SingleEnded(channel), _settings.Range, Ads1115Rate.Sps128, cancellationToken).ConfigureAwait(false);
        var fullScale = Ads1115Registers.FullScale(_settings.Range);
        if (volts <= 0 || volts >= fullScale * 32767 / 32768)
        {
            throw new SensorRangeException(Name, $"the {cell.Gas} cell's {electrode} electrode (AIN{channel} of the ADS1115 at {adc.Location}) reads {volts:F3} V: "
                + (volts <= 0 ? "the board is not connected or not powered" : $"at full scale ±{fullScale} V: wrong Range or a wiring fault"));
        }
        return volts * 1000;
    }

    /// <summary>The ADCs a sensor owns, closed together.</summary>
    private sealed class AdcSet(IEnumerable<Ads1115Adc> adcs) : IDisposable
    {
        public void Dispose()
        {
            foreach (var adc in adcs) adc.Dispose();
        }
    }
}
