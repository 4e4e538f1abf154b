namespace CityBrain.Edge.Sensors.GasCells;

/// <summary>Alphasense AAN 803, algorithm 1: the auxiliary electrode sees everything the working electrode sees except
/// the gas, so its change, scaled by the temperature factor nT, is taken off the working electrode.</summary>
public static class AlphasenseAlgorithm
{
    /// <summary>nT at <paramref name="celsius"/>: linear between the table's rows, held beyond its ends; 1 without a table.</summary>
    public static double TemperatureFactor(IReadOnlyList<TemperatureFactor> table, double celsius)
    {
        if (table.Count == 0) return 1;
        var rows = table.OrderBy(r => r.Celsius).ToList();
        if (celsius <= rows[0].Celsius) return rows[0].Factor;
        if (celsius >= rows[^1].Celsius) return rows[^1].Factor;
        var upper = rows.FindIndex(r => r.Celsius >= celsius);
        var (a, b) = (rows[upper - 1], rows[upper]);
        return a.Factor + (b.Factor - a.Factor) * (celsius - a.Celsius) / (b.Celsius - a.Celsius);
    }

    /// <summary>WEc = (WEu − WEe) − nT·(AEu − AEe), mV.</summary>
    public static double CorrectedWorking(GasCellCalibration cell, double workingMillivolts, double auxiliaryMillivolts, double celsius) =>
        workingMillivolts - cell.WorkingZeroMillivolts
        - TemperatureFactor(cell.TemperatureFactors, celsius) * (auxiliaryMillivolts - cell.AuxiliaryZeroMillivolts);

    /// <summary>ppb = WEc / sensitivity; for an OX cell, the NO₂ it also sees is taken off first:
    /// O₃ = (WEc − NO₂·S_NO₂) / S_O₃.</summary>
    public static double Ppb(GasCellCalibration cell, double correctedWorkingMillivolts, double no2Ppb) =>
        (correctedWorkingMillivolts - no2Ppb * (cell.No2SensitivityMillivoltsPerPpb ?? 0)) / cell.SensitivityMillivoltsPerPpb;
}
