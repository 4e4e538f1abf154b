using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Ads1115;

namespace CityBrain.Edge.Sensors.GasCells;

/// <summary>Configuration of Alphasense electrochemical cells on ISB/AFE boards read through ADS1115s (section
/// <c>Gas</c>): one entry per cell, with the numbers from its calibration sheet.</summary>
public sealed class GasCellSettings
{
    public List<GasCellCalibration> Cells { get; set; } = [];

    public Ads1115Range Range { get; set; } = Ads1115Range.Fs2_048;

    /// <summary>The cells' temperature (°C) for the correction until the gateway feeds a live one
    /// (<see cref="GasCellSensor.SetTemperature"/>).</summary>
    public double Temperature { get; set; } = 20;

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (Cells.Count == 0) yield return (nameof(Cells), "is empty: give each cell's gas, channels and calibration sheet values");
        foreach (var duplicate in Cells.GroupBy(c => c.Gas).Where(g => g.Count() > 1))
        {
            yield return (nameof(Cells), $"has {duplicate.Count()} {duplicate.Key} cells; one sensor reads one cell per gas");
        }
        for (var i = 0; i < Cells.Count; i++)
        {
            foreach (var (option, problem) in Cells[i].Validate()) yield return ($"{nameof(Cells)}[{i}].{option}", problem);
        }
        if (Cells.Any(c => c.Gas == Quantity.O3 && c.No2SensitivityMillivoltsPerPpb is not null) && Cells.All(c => c.Gas != Quantity.No2))
        {
            yield return (nameof(Cells), "has an O3 cell corrected for NO2 but no NO2 cell to take the NO2 from");
        }
    }
}

/// <summary>One cell: its gas, where its electrodes are wired, and its calibration sheet (Alphasense AAN 803).</summary>
public sealed class GasCellCalibration
{
    public static readonly IReadOnlyList<Quantity> Gases = [Quantity.No2, Quantity.O3, Quantity.Co];

    public Quantity Gas { get; set; }

    /// <summary>The ADS1115 this cell is wired to; 0 takes the sensor's address (a board of three cells needs two ADCs).</summary>
    public int Address { get; set; }

    /// <summary>ADS1115 input of the working electrode (WE), 0..3.</summary>
    public int WorkingChannel { get; set; }

    /// <summary>ADS1115 input of the auxiliary electrode (AE), 0..3.</summary>
    public int AuxiliaryChannel { get; set; } = 1;

    /// <summary>WEe: the board's electronic offset of the working electrode, mV.</summary>
    public double WorkingZeroMillivolts { get; set; }

    /// <summary>AEe: the board's electronic offset of the auxiliary electrode, mV.</summary>
    public double AuxiliaryZeroMillivolts { get; set; }

    /// <summary>Sensitivity in mV/ppb (the sheet's nA/ppb times the board's gain in mV/nA); negative for NO₂, which is
    /// reduced at the working electrode.</summary>
    public double SensitivityMillivoltsPerPpb { get; set; }

    /// <summary>OX cells only: the sensitivity to NO₂ (mV/ppb) from the sheet; the NO₂ comes from the sensor's NO₂ cell.</summary>
    public double? No2SensitivityMillivoltsPerPpb { get; set; }

    /// <summary>nT of AAN 803 for this cell type by temperature, interpolated linearly; empty is nT = 1.</summary>
    public List<TemperatureFactor> TemperatureFactors { get; set; } = [];

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (!Gases.Contains(Gas)) yield return (nameof(Gas), $"must be one of {string.Join(", ", Gases)} (got {Gas})");
        if (Address != 0 && !Ads1115Adc.Addresses.Contains(Address))
        {
            yield return (nameof(Address), $"{Address} (0x{Address:X2}) is not an ADS1115 address; use 72..75 (0x48..0x4B) or 0");
        }
        if (WorkingChannel is < 0 or > 3) yield return (nameof(WorkingChannel), $"must be 0..3 (got {WorkingChannel})");
        if (AuxiliaryChannel is < 0 or > 3) yield return (nameof(AuxiliaryChannel), $"must be 0..3 (got {AuxiliaryChannel})");
        if (WorkingChannel == AuxiliaryChannel) yield return (nameof(AuxiliaryChannel), "must differ from WorkingChannel");
        if (SensitivityMillivoltsPerPpb == 0 || !double.IsFinite(SensitivityMillivoltsPerPpb))
        {
            yield return (nameof(SensitivityMillivoltsPerPpb), "is missing: take it from the cell's calibration sheet (mV/ppb)");
        }
        if (No2SensitivityMillivoltsPerPpb is not null && Gas != Quantity.O3)
        {
            yield return (nameof(No2SensitivityMillivoltsPerPpb), "applies to O3 (OX) cells only");
        }
        if (TemperatureFactors.Select(f => f.Celsius).Distinct().Count() != TemperatureFactors.Count)
        {
            yield return (nameof(TemperatureFactors), "has the same temperature twice");
        }
    }
}

/// <summary>One row of AAN 803's temperature correction table.</summary>
public sealed class TemperatureFactor
{
    public double Celsius { get; set; }

    public double Factor { get; set; } = 1;
}
