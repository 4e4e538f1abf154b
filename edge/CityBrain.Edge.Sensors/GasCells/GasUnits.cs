using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.GasCells;

/// <summary>Mixing ratio to mass concentration at the reference conditions of 25 °C and 1 atm (molar volume 24.45 L):
/// µg/m³ = ppb·M/24.45. The contract reports NO₂ and O₃ in µg/m³ and CO in mg/m³, so CO is divided by 1000 more.</summary>
public static class GasUnits
{
    public const double MolarVolume = 24.45;

    public static double MolarMass(Quantity gas) => gas switch
    {
        Quantity.No2 => 46.0055,
        Quantity.O3 => 47.9982,
        Quantity.Co => 28.0101,
        Quantity.So2 => 64.066,
        _ => throw new ArgumentOutOfRangeException(nameof(gas), gas, "not a gas with a molar mass here"),
    };

    /// <summary>The contract's value (µg/m³, or mg/m³ for CO) of <paramref name="ppb"/>.</summary>
    public static double FromPpb(Quantity gas, double ppb) => ppb * MolarMass(gas) / MolarVolume / PerContractUnit(gas);

    public static double ToPpb(Quantity gas, double value) => value * PerContractUnit(gas) * MolarVolume / MolarMass(gas);

    private static double PerContractUnit(Quantity gas) => gas.Unit() == Units.MilligramsPerCubicMetre ? 1000 : 1;
}
