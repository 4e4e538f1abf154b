using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>The sensor a real gateway would read each quantity from (the models of the project's driver reference), so
/// simulated readings name their source the way real ones do.</summary>
internal static class SensorNames
{
    public static string Of(Quantity quantity) => quantity switch
    {
        Quantity.Pm1 or Quantity.Pm2_5 or Quantity.Pm10 => "pms5003",
        Quantity.Temperature or Quantity.Humidity or Quantity.Pressure => "bme280",
        Quantity.Co2 => "scd41",
        Quantity.No2 => "no2-b43f",
        Quantity.O3 => "ox-b431",
        Quantity.Co => "co-b4",
        Quantity.So2 => "so2-b4",
        Quantity.Noise => "sen0232",
        Quantity.Illuminance => "bh1750",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "no sensor for this quantity"),
    };
}
