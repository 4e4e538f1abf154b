namespace CityBrain.Contracts.Vocabulary;

/// <summary>The closed set of quantities a gateway may report. Edge, simulators and cluster all use this one list.</summary>
public enum Quantity
{
    Pm1,
    Pm2_5,
    Pm10,
    No2,
    So2,
    O3,
    Co,
    Co2,
    Temperature,
    Humidity,
    Pressure,
    Noise,
    Illuminance,
}
