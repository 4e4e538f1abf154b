using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.GasCells;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.Analog;

/// <summary>The working and auxiliary electrode voltages of an Alphasense cell on its board, from the ambient gas, per
/// its calibration sheet: the auxiliary electrode drifts with temperature (a model), the working electrode carries the
/// same drift scaled by nT plus the gas signal, so AAN 803 algorithm 1 recovers the gas.</summary>
public static class GasCellSignals
{
    /// <summary>Auxiliary electrode drift per °C away from 20 °C, mV (a model, not a sheet value).</summary>
    private const double DriftPerDegree = 0.8;

    public static Func<DateTimeOffset, double> Auxiliary(GasCellCalibration cell, IAmbient ambient) => at =>
        (cell.AuxiliaryZeroMillivolts + Drift(ambient, at)) / 1000;

    public static Func<DateTimeOffset, double> Working(GasCellCalibration cell, IAmbient ambient) => at =>
    {
        var celsius = ambient.Value(Quantity.Temperature, at);
        var nT = AlphasenseAlgorithm.TemperatureFactor(cell.TemperatureFactors, celsius);
        var gas = GasUnits.ToPpb(cell.Gas, ambient.Value(cell.Gas, at)) * cell.SensitivityMillivoltsPerPpb;
        var crossSensitivity = GasUnits.ToPpb(Quantity.No2, ambient.Value(Quantity.No2, at)) * (cell.No2SensitivityMillivoltsPerPpb ?? 0);
        return (cell.WorkingZeroMillivolts + nT * Drift(ambient, at) + gas + crossSensitivity) / 1000;
    };

    private static double Drift(IAmbient ambient, DateTimeOffset at) => DriftPerDegree * (ambient.Value(Quantity.Temperature, at) - 20);
}
