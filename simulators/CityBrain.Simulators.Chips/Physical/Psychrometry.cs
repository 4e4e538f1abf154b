namespace CityBrain.Simulators.Chips.Physical;

/// <summary>Relative humidity seen at another temperature: the same water vapour is a lower relative humidity on a
/// warmer surface (a heated or self-heating sensor). Magnus formula over water (WMO constants).</summary>
public static class Psychrometry
{
    /// <summary>Saturation vapour pressure in hPa.</summary>
    public static double SaturationPressure(double celsius) => 6.112 * Math.Exp(17.62 * celsius / (243.12 + celsius));

    public static double RelativeHumidityAt(double relativeHumidity, double airCelsius, double surfaceCelsius) =>
        Math.Clamp(relativeHumidity * SaturationPressure(airCelsius) / SaturationPressure(surfaceCelsius), 0, 100);
}
